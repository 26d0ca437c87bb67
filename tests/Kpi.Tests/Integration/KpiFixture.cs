using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Npgsql;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.Testing;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Tests.Integration;

/// <summary>
/// Once per test run: the AppHost's topology (real PostgreSQL, RabbitMQ, Redis, the identity service, the party
/// registry with the NRW reference data) with the KPI ingestion service; clients for BA Statistik (kpi.deliver) and a
/// reader, and a consumer of <see cref="KpiDataIngested"/>.
/// </summary>
public sealed class KpiFixture : IAsyncLifetime
{
    /// <summary>The service's limit in these tests (10,000,000 by default), so that a delivery over it is quick to send.</summary>
    public const int MaxRowsPerDelivery = 20_000;

    private GrpcChannel? _channel;

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    /// <summary>ba-statistik with kpi.deliver and kpi.read.</summary>
    public KpiClient Statistik { get; private set; } = null!;

    /// <summary>jc-05554 with kpi.read only.</summary>
    public KpiClient Reader { get; private set; } = null!;

    public KpiClient Anonymous => new(_channel!);

    public Uri Address { get; private set; } = null!;

    public string StatistikToken { get; private set; } = "";

    /// <summary>Receives the service's traces (its OTLP exporter points here instead of at the dashboard).</summary>
    public OtlpCollector Traces { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Traces = await OtlpCollector.StartAsync();
        Topology = await TestTopology.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("kpi-ingestion")
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint)
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
            .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
            .WithEnvironment("Outbox__PollingInterval", "00:00:01")
            .WithEnvironment("Kpi__MaxRowsPerDelivery", MaxRowsPerDelivery.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Tokens = new DevelopmentTokens(Topology.App);
        Address = Topology.App.GetEndpoint("kpi-ingestion", "grpc");
        _channel = GrpcChannel.ForAddress(Address);
        StatistikToken = await Tokens.GetAsync("ba-statistik");
        Statistik = Client(StatistikToken);
        Reader = Client(await Tokens.GetAsync("jc-05554"));
        Events = await EventCollector.StartAsync((await Topology.App.GetConnectionStringAsync("rabbitmq"))!, "kpi-tests", typeof(KpiDataIngested));
    }

    public KpiClient Client(string token) => new(DevelopmentTokens.Authorized(_channel!, token));

    /// <summary>How many values are stored for a jobcenter key (all deliveries, all revisions).</summary>
    public async Task<long> StoredValuesAsync(int jobcenterKey, string? code = null)
    {
        await using var connection = new NpgsqlConnection(await Topology.App.GetConnectionStringAsync("kpi-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM kpi_values WHERE jobcenter = $1" + (code is null ? "" : " AND code = $2"), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobcenterKey });
        if (code is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Kpi.Ingestion.API.Model.CodeBook.IdOf(code) });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        _channel?.Dispose();
        Tokens?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }

        if (Traces is not null)
        {
            await Traces.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KpiCollection : ICollectionFixture<KpiFixture>
{
    public const string Name = "KPI ingestion service on real infrastructure";
}
