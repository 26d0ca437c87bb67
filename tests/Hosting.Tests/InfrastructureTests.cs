using System.Net;
using System.Net.NetworkInformation;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;
using Zielsteuerung.Hosting.Servers;
using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>The servers of the AppHost as Aspire executable resources: healthy, reachable with their secrets only, on loopback, data in the state directory.</summary>
[Collection(TopologyCollection.Name)]
public sealed class InfrastructureTests(TopologyFixture fixture)
{
    private TestTopology Topology => fixture.Topology;

    [Fact]
    public void Every_resource_of_the_AppHost_is_running_and_healthy()
    {
        var names = new[] { "postgres", "parties-db", "rabbitmq-epmd", "rabbitmq", "redis", "party-registry" };
        Assert.All(names, name =>
        {
            Assert.True(Topology.App.ResourceNotifications.TryGetCurrentState(name, out var resource), $"{name} is not in the model");
            Assert.Equal(KnownResourceStates.Running, resource!.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        });
    }

    [Fact]
    public async Task The_database_takes_its_connection_string_and_refuses_a_wrong_password()
    {
        var connectionString = await Topology.App.GetConnectionStringAsync("parties-db");
        Assert.Contains("Host=127.0.0.1", connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("parties", await command.ExecuteScalarAsync());
        }

        var wrong = new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password" };
        await using var refused = new NpgsqlConnection(wrong.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task Redis_answers_with_its_password_and_refuses_without()
    {
        var connectionString = await Topology.App.GetConnectionStringAsync("redis");
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!))
        {
            Assert.True((await redis.GetDatabase().PingAsync()) > TimeSpan.Zero);
        }

        var withoutPassword = ConfigurationOptions.Parse(connectionString!);
        withoutPassword.Password = null;
        withoutPassword.AbortOnConnectFail = true;
        withoutPassword.ConnectTimeout = 2000;
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(withoutPassword));
    }

    [Fact]
    public async Task RabbitMQ_takes_its_user_and_refuses_a_wrong_password()
    {
        var uri = new Uri((await Topology.App.GetConnectionStringAsync("rabbitmq"))!);
        await using (var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync())
        {
            await using var channel = await connection.CreateChannelAsync();
            var queue = await channel.QueueDeclareAsync(exclusive: true);
            Assert.StartsWith("amq.gen-", queue.QueueName);
        }

        var wrong = new UriBuilder(uri) { Password = "not-the-password" }.Uri;
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => new ConnectionFactory { Uri = wrong }.CreateConnectionAsync());
    }

    [Fact]
    public async Task Servers_listen_on_loopback_only_on_the_ports_Aspire_allocated()
    {
        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
        foreach (var name in (string[])["postgres", "rabbitmq", "rabbitmq-epmd", "redis"])
        {
            var endpoint = Topology.App.GetEndpoint(name, "tcp");
            var bound = listeners.Where(l => l.Port == endpoint.Port).ToList();
            Assert.NotEmpty(bound);
            Assert.All(bound, l => Assert.True(IPAddress.IsLoopback(l.Address), $"{name} listens on {l}"));
        }

        var model = Topology.App.Services.GetRequiredService<DistributedApplicationModel>();
        var rabbitmq = model.Resources.OfType<RabbitMQServerResource>().Single();
        var distribution = await rabbitmq.GetEndpoint("dist").Property(EndpointProperty.Port).GetValueAsync();
        Assert.All(listeners.Where(l => l.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == distribution), l => Assert.True(IPAddress.IsLoopback(l.Address), $"the broker's distribution port listens on {l}"));
    }

    [Fact]
    public void Data_lives_in_the_state_directory_the_topology_was_given()
    {
        Assert.True(File.Exists(Path.Combine(Topology.State.Path, "postgres", "data", "PG_VERSION")));
        Assert.True(Directory.Exists(Path.Combine(Topology.State.Path, "rabbitmq", "mnesia")));
        Assert.True(Directory.Exists(Path.Combine(Topology.State.Path, "redis", "appendonlydir")) || File.Exists(Path.Combine(Topology.State.Path, "redis", "appendonly.aof")));
    }

    [Fact]
    public async Task The_servers_console_output_reaches_the_dashboard()
    {
        var line = await Topology.WaitForConsoleLineAsync("postgres", line => line.Contains("ready to accept connections", StringComparison.Ordinal));
        Assert.Contains("database system is ready", line);
    }
}
