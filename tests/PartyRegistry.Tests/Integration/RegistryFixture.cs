using System.Collections.Concurrent;
using MassTransit;
using StackExchange.Redis;
using Grpc.Core;
using Grpc.Net.Client;
using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Testing;
using PartyRegistry.Tests.Telemetry;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.IntegrationEvents.Parties;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Integration;

/// <summary>
/// Once per test run: real PostgreSQL, Redis and RabbitMQ, the built party registry as a process (as the AppHost runs
/// it; it loads the NRW reference data at start), a typed gRPC client, a test consumer of the registry's events on
/// RabbitMQ, and a Redis connection to look into the cache.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();
    private GrpcChannel? _channel;
    private IBusControl? _bus;
    private ConnectionMultiplexer? _redis;

    /// <summary>How long the service keeps answers in process (short, so tests can see Redis behind it).</summary>
    public static readonly TimeSpan LocalCacheTimeToLive = TimeSpan.FromMilliseconds(500);

    public DistributedApplication App { get; private set; } = null!;

    public PartyRegistryClient Client { get; private set; } = null!;

    /// <summary>Receives the registry's traces (its OTLP exporter points here instead of at the dashboard).</summary>
    public OtlpCollector Traces { get; private set; } = null!;

    public IDatabase Redis => _redis!.GetDatabase();

    public IServer RedisServer => _redis!.GetServer(_redis.GetEndPoints()[0]);

    public async Task InitializeAsync()
    {
        Traces = await OtlpCollector.StartAsync();
        var builder = DistributedApplicationTestingBuilder.Create();
        var db = builder.AddPostgres("postgres").AddDatabase("parties-db", "parties");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var redis = builder.AddRedis("redis");
        builder.AddProject("party-registry", new PartyRegistryProject())
            .WithReference(db).WithReference(rabbitmq).WithReference(redis)
            .WaitFor(db).WaitFor(rabbitmq).WaitFor(redis)
            .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
            .WithEnvironment("Outbox__PollingInterval", "00:00:01")
            .WithEnvironment("PartyRegistry__LocalCacheTimeToLive", LocalCacheTimeToLive.ToString())
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint)
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200");
        App = await builder.BuildAndStartAsync(TimeSpan.FromSeconds(180));

        _channel = GrpcChannel.ForAddress(App.GetEndpoint("party-registry", "grpc"));
        Client = new PartyRegistryClient(_channel);
        _redis = await ConnectionMultiplexer.ConnectAsync(App.GetConnectionString("redis") + ",abortConnect=false");

        var broker = new Uri(App.GetConnectionString("rabbitmq"));
        _bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.Host, (ushort)broker.Port, "/", host =>
            {
                host.Username("guest");
                host.Password("guest");
            });
            bus.ReceiveEndpoint("party-registry-tests", endpoint =>
            {
                endpoint.Handler<PartyRegistered>(context => Received(context.Message));
                endpoint.Handler<PartyChanged>(context => Received(context.Message));
            });
        });
        await _bus.StartAsync();
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> arrived.</summary>
    public async Task<T> WaitForEventAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : IntegrationEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_events.OfType<T>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no {typeof(T).Name} matching the condition arrived; received: {string.Join(", ", _events.Select(e => e.GetType().Name))}.");
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        _channel?.Dispose();
        _redis?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Traces is not null)
        {
            await Traces.DisposeAsync();
        }
    }

    private Task Received(IntegrationEvent @event)
    {
        _events.Enqueue(@event);
        return Task.CompletedTask;
    }

    /// <summary>The service as built next to its project (dotnet build of this test project builds it).</summary>
    private sealed class PartyRegistryProject : IProjectMetadata
    {
        private static readonly string ProjectDirectory = Path.Combine(RepositoryRoot(), "services", "PartyRegistry", "PartyRegistry.API");

        public string ProjectPath => Path.Combine(ProjectDirectory, "PartyRegistry.API.csproj");

        // bin/<Configuration>/<tfm>/ of this test assembly mirrors the service's.
        public string ExecutablePath
        {
            get
            {
                var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
                return Path.Combine(ProjectDirectory, "bin", output.Parent!.Name, output.Name, "PartyRegistry.API.dll");
            }
        }

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("the repository root (Directory.Packages.props) was not found above " + AppContext.BaseDirectory);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "party registry on real infrastructure";
}
