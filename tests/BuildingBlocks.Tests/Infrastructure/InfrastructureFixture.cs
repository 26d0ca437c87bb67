using Npgsql;

namespace BuildingBlocks.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL, Redis and RabbitMQ the integration tests run against, shared by the whole test run.
/// Each test class gets its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private IInfrastructureHost _host = null!;

    public string RedisConnectionString => _host.RedisConnectionString;

    public string RabbitMqConnectionString => _host.RabbitMqConnectionString;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bb_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(_host.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_host.PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public Task StopAsync(string resource) => _host.StopAsync(resource);

    public Task StartAsync(string resource) => _host.StartAsync(resource);
}

internal interface IInfrastructureHost : IAsyncDisposable
{
    string PostgresConnectionString { get; }
    string RedisConnectionString { get; }
    string RabbitMqConnectionString { get; }
    Task StopAsync(string resource);
    Task StartAsync(string resource);
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
