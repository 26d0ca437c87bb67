using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.IntegrationEvents.Monitoring;
using Zielsteuerung.Testing;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;
using PartyRegistryClient = Zielsteuerung.Parties.V1.PartyRegistry.PartyRegistryClient;

namespace EndToEnd.Tests;

/// <summary>
/// Once per run of the assembly: the AppHost's topology on real PostgreSQL, RabbitMQ and Redis, with two monitoring
/// replicas and short outbox intervals (as Monitoring.Tests runs it); the services as the parties' development clients;
/// a consumer of <see cref="KpiDataIngested"/> and <see cref="TargetStatusChanged"/>; and the scenario's state, which
/// the ordered steps hand on to each other.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const int Replicas = 2;

    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public MonitoringReplicas Monitoring { get; private set; } = null!;

    /// <summary>What the steps found out and the later ones build on.</summary>
    public ScenarioState Scenario { get; } = new();

    /// <summary>How long the topology took to be healthy.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Topology = await TestTopology.StartAsync(builder =>
        {
            // The resources' console lines and the token requests at Information would drown the steps' own output.
            builder.Services.AddLogging(logging => logging
                .AddFilter("Zielsteuerung.AppHost.Resources", LogLevel.Warning)
                .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
            foreach (var service in new[] { "agreements", "kpi-ingestion", "monitoring" })
            {
                builder.CreateResourceBuilder<ProjectResource>(service)
                    .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
                    .WithEnvironment("Outbox__PollingInterval", "00:00:01");
            }
        }, $"--Monitoring:Replicas={Replicas}");
        StartedIn = clock.Elapsed;
        Tokens = new DevelopmentTokens(Topology.App);
        Monitoring = await MonitoringReplicas.FindAsync(Topology, Replicas);
        Events = await EventCollector.StartAsync((await Topology.App.GetConnectionStringAsync("rabbitmq"))!, "end-to-end-tests",
            typeof(KpiDataIngested), typeof(TargetStatusChanged));
    }

    public async Task<PartyRegistryClient> PartiesAs(string clientId) => new(await InvokerAsync(Topology.App.GetEndpoint("party-registry", "grpc"), clientId));

    public async Task<AgreementsClient> AgreementsAs(string clientId) => new(await InvokerAsync(Topology.App.GetEndpoint("agreements", "grpc"), clientId));

    /// <summary>The KPI service as <paramref name="clientId"/> (BA Statistik: <c>ba-statistik</c>), through DCP's proxy.</summary>
    public async Task<KpiClient> KpiAs(string clientId) => new(await InvokerAsync(Topology.App.GetEndpoint("kpi-ingestion", "grpc"), clientId));

    /// <summary>The monitoring service through DCP's proxy (either replica), or one replica's own port.</summary>
    public async Task<MonitoringClient> MonitoringAs(string clientId, Uri? replica = null) =>
        new(await InvokerAsync(replica ?? Topology.App.GetEndpoint("monitoring", "grpc"), clientId));

    /// <summary>The rows of a query on the monitoring database, each as its columns.</summary>
    public Task<List<object[]>> QueryAsync(string sql, params object[] parameters) => QueryDatabaseAsync("monitoring-db", sql, parameters);

    /// <summary>The rows of a query on one of the topology's databases ("kpi-db", "monitoring-db"), each as its columns.</summary>
    public async Task<List<object[]>> QueryDatabaseAsync(string database, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await Topology.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<object[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One value of the monitoring database (a count, say), as MonitoringFixture.ScalarAsync reads it.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters) => (T)(await QueryAsync(sql, parameters)).Single()[0];

    // A token per client, fetched once: development tokens live long enough for the whole run.
    private async Task<Grpc.Core.CallInvoker> InvokerAsync(Uri address, string clientId)
    {
        var token = await _tokens.GetOrAdd(clientId, id => Tokens.GetAsync(id));
        var channel = _channels.GetOrAdd(address.ToString(), _ => new Lazy<GrpcChannel>(
            () => GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 }))).Value;
        return DevelopmentTokens.Authorized(channel, token);
    }

    public async Task DisposeAsync()
    {
        await Scenario.DisposeAsync();
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }

        Tokens?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "the whole platform, end to end";
}
