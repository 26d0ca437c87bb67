using Zielsteuerung.Persistence;

namespace BuildingBlocks.Tests.Persistence;

public sealed class SqlMigrationsTests
{
    [Fact]
    public void Embedded_migrations_are_found_in_number_order()
    {
        var migrations = SqlMigrations.FromAssembly(typeof(SqlMigrationsTests).Assembly);

        Assert.Equal(["0001_widgets.sql", "0002_outbox.sql"], migrations.Select(m => m.FileName));
        Assert.Equal([1, 2], migrations.Select(m => m.Version));
        Assert.Contains("CREATE TABLE widgets", migrations[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_migrations_with_the_same_number_are_refused()
    {
        var error = Assert.Throws<MigrationException>(() => SqlMigrations.Ordered(
            [new SqlMigration(2, "0002_b.sql", "SELECT 2"), new SqlMigration(2, "0002_a.sql", "SELECT 1")]));

        Assert.Contains("0002_a.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("0002_b.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_ignores_line_endings_but_not_content()
    {
        var unix = new SqlMigration(1, "0001_a.sql", "CREATE TABLE a (id int);\nSELECT 1;\n");
        var windows = new SqlMigration(1, "0001_a.sql", "CREATE TABLE a (id int);\r\nSELECT 1;\r\n");
        var edited = new SqlMigration(1, "0001_a.sql", "CREATE TABLE a (id bigint);\nSELECT 1;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
        Assert.Equal(64, unix.Checksum.Length);
    }

    [Fact]
    public void The_outbox_migration_of_the_tests_is_the_published_ddl()
    {
        var outbox = SqlMigrations.FromAssembly(typeof(SqlMigrationsTests).Assembly).Single(m => m.Version == 2);

        Assert.Equal(Zielsteuerung.Messaging.OutboxSchema.Sql.ReplaceLineEndings("\n").Trim(), outbox.Sql.ReplaceLineEndings("\n").Trim());
    }
}
