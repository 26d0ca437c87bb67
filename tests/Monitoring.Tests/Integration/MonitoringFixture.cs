using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Npgsql;
using Zielsteuerung.IntegrationEvents.Monitoring;
using Zielsteuerung.Testing;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Monitoring.Tests.Integration;

/// <summary>
/// Once per test run: the AppHost's topology on real PostgreSQL, RabbitMQ and Redis, with two monitoring replicas;
/// clients of the agreements, KPI and monitoring services as the development clients of the parties, each replica's
/// own address (not DCP's proxy), and a consumer of <see cref="TargetStatusChanged"/>.
/// </summary>
public sealed class MonitoringFixture : IAsyncLifetime
{
    public const int Replicas = 2;

    private readonly List<GrpcChannel> _channels = [];

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public KpiClient Statistik { get; private set; } = null!;

    /// <summary>The addresses of the monitoring replicas themselves.</summary>
    public IReadOnlyList<Uri> ReplicaAddresses { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Topology = await TestTopology.StartAsync(builder =>
        {
            foreach (var service in new[] { "agreements", "kpi-ingestion", "monitoring" })
            {
                builder.CreateResourceBuilder<ProjectResource>(service)
                    .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
                    .WithEnvironment("Outbox__PollingInterval", "00:00:01");
            }
        }, $"--Monitoring:Replicas={Replicas}");
        Tokens = new DevelopmentTokens(Topology.App);
        ReplicaAddresses = [.. (await Topology.ReplicasAsync("monitoring", Replicas)).Select(r => r.Address)];
        Statistik = new KpiClient(Authorized(Topology.App.GetEndpoint("kpi-ingestion", "grpc"), await Tokens.GetAsync("ba-statistik")));
        await Peers.RegisterAsync(await RegistryAs("mags-nrw"));
        Events = await EventCollector.StartAsync((await Topology.App.GetConnectionStringAsync("rabbitmq"))!, "monitoring-tests", typeof(TargetStatusChanged),
            typeof(Zielsteuerung.IntegrationEvents.Kpi.KpiDataIngested));
    }

    public async Task<Zielsteuerung.Parties.V1.PartyRegistry.PartyRegistryClient> RegistryAs(string clientId) =>
        new(Authorized(Topology.App.GetEndpoint("party-registry", "grpc"), await Tokens.GetAsync(clientId)));

    public async Task<AgreementsClient> AgreementsAs(string clientId) =>
        new(Authorized(Topology.App.GetEndpoint("agreements", "grpc"), await Tokens.GetAsync(clientId)));

    /// <summary>The monitoring service through DCP's proxy, or one replica's own port.</summary>
    public async Task<MonitoringClient> MonitoringAs(string clientId, int? replica = null) =>
        new(Authorized(replica is { } r ? ReplicaAddresses[r] : Topology.App.GetEndpoint("monitoring", "grpc"), await Tokens.GetAsync(clientId)));

    /// <summary>One value of the monitoring database (a count, say).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await Topology.App.GetConnectionStringAsync("monitoring-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Grpc.Core.CallInvoker Authorized(Uri address, string token)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        return DevelopmentTokens.Authorized(channel, token);
    }

    public async Task DisposeAsync()
    {
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        _channels.ForEach(c => c.Dispose());
        Tokens?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoringCollection : ICollectionFixture<MonitoringFixture>
{
    public const string Name = "Monitoring service on real infrastructure";
}
