using StackExchange.Redis;
using Grpc.Core;
using Grpc.Net.Client;
using Zielsteuerung.Authorization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Zielsteuerung.Testing;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.IntegrationEvents.Parties;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Integration;

/// <summary>
/// Once per test run: the AppHost's topology (real PostgreSQL, Redis and RabbitMQ, the party registry, which loads the
/// NRW reference data at start) with the registry's telemetry and outbox timings set for tests, a typed gRPC client, a test consumer of the registry's events on
/// RabbitMQ, and a Redis connection to look into the cache.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private GrpcChannel? _channel;
    private EventCollector? _events;
    private ConnectionMultiplexer? _redis;

    /// <summary>
    /// How long the service keeps answers in process: short, so tests can see Redis behind it, and long enough that a
    /// loaded CI machine does the two reads of a test within it (500 ms was not).
    /// </summary>
    public static readonly TimeSpan LocalCacheTimeToLive = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// A write removes the Redis keys it touched once more a second after its commit; a test that looks at a
    /// party's cache entry waits this long after writing it, or the repeated removal takes the entry away under it.
    /// </summary>
    public static readonly TimeSpan RepeatedInvalidationSettles = TimeSpan.FromSeconds(1.3);

    public TestTopology Topology { get; private set; } = null!;

    /// <summary>The development client the tests call as; changes record "mags-nrw (mags-nrw)".</summary>
    public const string WriterClientId = "mags-nrw";

    public PartyRegistryClient Client { get; private set; } = null!;

    /// <summary>Tokens of the development clients, for calls as another client.</summary>
    public DevelopmentTokens Tokens { get; private set; } = null!;

    /// <summary>A client of the registry sending <paramref name="token"/>, or no token when null.</summary>
    public PartyRegistryClient ClientWith(string? token) => new(token is null
        ? _channel!.CreateCallInvoker()
        : DevelopmentTokens.Authorized(_channel!, token));

    /// <summary>Receives the registry's traces (its OTLP exporter points here instead of at the dashboard).</summary>
    public OtlpCollector Traces { get; private set; } = null!;

    public IDatabase Redis => _redis!.GetDatabase();

    public IServer RedisServer => _redis!.GetServer(_redis.GetEndPoints()[0]);

    public ValueTask<string?> ConnectionStringAsync(string resource) => Topology.App.GetConnectionStringAsync(resource);

    public async Task InitializeAsync()
    {
        Traces = await OtlpCollector.StartAsync();
        Topology = await TestTopology.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("party-registry")
            .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
            .WithEnvironment("Outbox__PollingInterval", "00:00:01")
            .WithEnvironment("PartyRegistry__LocalCacheTimeToLive", LocalCacheTimeToLive.ToString())
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint)
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
            // An expired token is refused at once, not a minute later (AccessTests).
            .WithEnvironment("Identity__ClockSkew", "00:00:00"));

        _channel = GrpcChannel.ForAddress(Topology.App.GetEndpoint("party-registry", "grpc"));
        // The registry's tests write as MAGS NRW's development client (parties.read and parties.write).
        Tokens = new DevelopmentTokens(Topology.App);
        Client = ClientWith(await Tokens.GetAsync(WriterClientId, Scopes.PartiesRead, Scopes.PartiesWrite));
        _redis = await ConnectionMultiplexer.ConnectAsync(await ConnectionStringAsync("redis") + ",abortConnect=false");

        _events = await EventCollector.StartAsync((await ConnectionStringAsync("rabbitmq"))!, "party-registry-tests",
            typeof(PartyRegistered), typeof(PartyChanged));
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> arrived.</summary>
    public Task<T> WaitForEventAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : IntegrationEvent =>
        _events!.WaitForAsync(match, timeout);

    public async Task DisposeAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }

        _channel?.Dispose();
        Tokens?.Dispose();
        _redis?.Dispose();
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
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "party registry on real infrastructure";
}
