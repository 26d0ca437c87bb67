using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Zielsteuerung.Persistence;

namespace BuildingBlocks.Tests.Persistence;

[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class MigrationRunnerTests(Infrastructure.InfrastructureFixture infrastructure)
{
    private static readonly SqlMigration Widgets = new(1, "0001_widgets.sql", "CREATE TABLE widgets (id uuid PRIMARY KEY, name text NOT NULL);");
    private static readonly SqlMigration Colours = new(2, "0002_colours.sql", "ALTER TABLE widgets ADD COLUMN colour text;");

    [Fact]
    public async Task Migrations_are_applied_once_and_recorded_with_their_checksum()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var runner = new MigrationRunner(database);

        var first = await runner.ApplyAsync([Widgets, Colours]);
        var second = await runner.ApplyAsync([Widgets, Colours]);

        Assert.Equal(["0001_widgets.sql", "0002_colours.sql"], first.Select(m => m.FileName));
        Assert.Empty(second);
        var history = await QueryAsync(database, "SELECT version || ' ' || file_name || ' ' || checksum FROM schema_migrations ORDER BY version");
        Assert.Equal([$"1 0001_widgets.sql {Widgets.Checksum}", $"2 0002_colours.sql {Colours.Checksum}"], history);
        Assert.Equal(["colour"], await QueryAsync(database, "SELECT column_name FROM information_schema.columns WHERE table_name = 'widgets' AND column_name = 'colour'"));
    }

    [Fact]
    public async Task A_new_migration_is_applied_on_the_next_start()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await new MigrationRunner(database).ApplyAsync([Widgets]);

        var applied = await new MigrationRunner(database).ApplyAsync([Widgets, Colours]);

        Assert.Equal([Colours], applied);
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_the_start_naming_the_file()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await new MigrationRunner(database).ApplyAsync([Widgets]);
        var edited = Widgets with { Sql = "CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);" };

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database).ApplyAsync([edited, Colours]));

        Assert.Contains("0001_widgets.sql was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Empty(await QueryAsync(database, "SELECT file_name FROM schema_migrations WHERE version = 2"));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_completely_and_named()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var broken = new SqlMigration(2, "0002_broken.sql", "CREATE TABLE gadgets (id int); SELECT no_such_column FROM widgets;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database).ApplyAsync([Widgets, broken]));

        Assert.Contains("0002_broken.sql failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(["0001_widgets.sql"], await QueryAsync(database, "SELECT file_name FROM schema_migrations"));
        Assert.Empty(await QueryAsync(database, "SELECT table_name::text FROM information_schema.tables WHERE table_name = 'gadgets'"));
    }

    [Fact]
    public async Task Instances_starting_together_apply_each_migration_exactly_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        // Without the advisory lock the second CREATE TABLE fails or a history row is inserted twice.
        var slow = new SqlMigration(1, "0001_slow.sql", "SELECT pg_sleep(0.3); CREATE TABLE widgets (id uuid PRIMARY KEY);");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new MigrationRunner(database).ApplyAsync([slow])));

        Assert.Equal(1, results.Sum(r => r.Count));
        Assert.Equal(["0001_slow.sql"], await QueryAsync(database, "SELECT file_name FROM schema_migrations"));
    }

    [Fact]
    public async Task The_host_applies_the_embedded_migrations_when_it_starts_and_reports_the_database_healthy()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        using var host = Infrastructure.InfrastructureFixture.WidgetsHost(database, builder => builder.AddDatabaseMigrations<WidgetsDbContext>());

        await host.StartAsync();
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal(["0001_widgets.sql", "0002_outbox.sql"], await QueryAsync(database, "SELECT file_name FROM schema_migrations ORDER BY version"));
        Assert.Equal(HealthStatus.Healthy, health.Entries["widgets-db"].Status);
        Assert.Contains("ready", health.Entries["widgets-db"].Tags);
    }

    [Fact]
    public async Task The_host_does_not_start_on_an_edited_migration()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await new MigrationRunner(database).ApplyAsync([Widgets with { Sql = "CREATE TABLE widgets (id uuid PRIMARY KEY);" }]);
        using var host = Infrastructure.InfrastructureFixture.WidgetsHost(database, builder => builder.AddDatabaseMigrations<WidgetsDbContext>());

        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());

        Assert.Contains("0001_widgets.sql", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
