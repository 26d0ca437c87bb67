using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Zielsteuerung.Testing;

namespace BuildingBlocks.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL, Redis and RabbitMQ the integration tests run against: those of the AppHost's topology, shared
/// by the whole test run. Each test class gets its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private TestTopology _topology = null!;

    public string PostgresConnectionString { get; private set; } = null!;

    public string RedisConnectionString { get; private set; } = null!;

    public string RabbitMqConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _topology = await TestTopology.StartAsync();
        PostgresConnectionString = (await _topology.App.GetConnectionStringAsync("postgres"))!;
        RedisConnectionString = (await _topology.App.GetConnectionStringAsync("redis"))!;
        RabbitMqConnectionString = (await _topology.App.GetConnectionStringAsync("rabbitmq"))!;
    }

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bb_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresConnectionString + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// A host that registers <see cref="WidgetsDbContext"/> on <paramref name="database"/> as a service registers its
    /// context (AddNpgsqlDbContext); <paramref name="configure"/> adds to it.
    /// </summary>
    public static IHost WidgetsHost(string database, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:widgets-db"] = database });
        builder.AddNpgsqlDbContext<WidgetsDbContext>("widgets-db");
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Stops a server as the dashboard's Stop does; its port and data stay for <see cref="StartAsync"/>.</summary>
    public Task StopAsync(string resource) => _topology.StopResourceAsync(resource);

    public Task StartAsync(string resource) => _topology.StartResourceAsync(resource);
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
