using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Testing;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;

namespace Agreements.Tests.Integration;

/// <summary>
/// Once per test run: the AppHost's topology (real PostgreSQL, RabbitMQ, Redis, the identity service and the party
/// registry with the NRW reference data), the agreements service with short outbox timings, a client per development
/// client (each with its own token, so every call is authenticated as that party) and a consumer of the events.
/// </summary>
public sealed class AgreementsFixture : IAsyncLifetime
{
    private readonly Dictionary<string, AgreementsClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private GrpcChannel? _channel;

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public GrpcChannel Channel => _channel!;

    public async Task InitializeAsync()
    {
        Topology = await TestTopology.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("agreements")
            .WithEnvironment("Outbox__MaxBackoff", "00:00:01")
            .WithEnvironment("Outbox__PollingInterval", "00:00:01")
            .WithEnvironment("Agreements__MeasureDueInterval", "00:00:01"));
        Tokens = new DevelopmentTokens(Topology.App);
        _channel = GrpcChannel.ForAddress(Topology.App.GetEndpoint("agreements", "grpc"));
        Events = await EventCollector.StartAsync((await Topology.App.GetConnectionStringAsync("rabbitmq"))!, "agreements-tests",
            typeof(AgreementDrafted), typeof(AgreementRevised), typeof(AgreementTargetsChanged), typeof(LocalGoalsRequested),
            typeof(LocalGoalsAdded), typeof(AgreementSigned), typeof(AgreementInForce), typeof(AgreementReturned), typeof(AgreementWithdrawn),
            typeof(AgreementAmended), typeof(AgreementClosed), typeof(DialogueHeld), typeof(MeasureDue));
    }

    /// <summary>The agreements service as development client <paramref name="clientId"/> with all its agreement scopes.</summary>
    public async Task<AgreementsClient> As(string clientId)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(clientId, out var client))
            {
                var token = await Tokens.GetAsync(clientId);
                client = new AgreementsClient(DevelopmentTokens.Authorized(_channel!, token));
                _clients[clientId] = client;
            }

            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The service with a token of <paramref name="clientId"/> restricted to <paramref name="scopes"/>.</summary>
    public async Task<AgreementsClient> WithScopes(string clientId, params string[] scopes)
    {
        var token = await Tokens.GetAsync(clientId, scopes);
        return new AgreementsClient(DevelopmentTokens.Authorized(_channel!, token));
    }

    public AgreementsClient Anonymous => new(_channel!);

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
    }
}

[CollectionDefinition(Name)]
public sealed class AgreementsCollection : ICollectionFixture<AgreementsFixture>
{
    public const string Name = "agreements service on real infrastructure";
}
