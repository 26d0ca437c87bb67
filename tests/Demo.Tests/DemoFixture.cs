using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Zielsteuerung.Demo;
using Zielsteuerung.Testing;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Demo.Tests;

/// <summary>
/// Once per test run: the AppHost's topology as TestTopology builds it, the development clients' secrets, and the
/// first load of the demo, made as a newcomer makes it: the loader's command line (<see cref="DemoProcess"/>).
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private GrpcChannel? _agreements;
    private GrpcChannel? _kpi;

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public DemoEndpoints Endpoints { get; private set; } = null!;

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The first load: the command line's exit code, output and wall-clock time (process start included).</summary>
    public DemoProcess.Run FirstLoad { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Topology = await TestTopology.StartAsync();
        Tokens = new DevelopmentTokens(Topology.App);
        Endpoints = new DemoEndpoints(
            Topology.App.GetEndpoint("agreements", "grpc"), Topology.App.GetEndpoint("kpi-ingestion", "grpc"),
            Topology.App.GetEndpoint("monitoring", "grpc"), Topology.App.GetEndpoint("identity", "http"));
        foreach (var client in DemoLoader.ClientIds)
        {
            Secrets[client] = await Tokens.SecretAsync(client);
        }

        _agreements = GrpcChannel.ForAddress(Endpoints.Agreements);
        _kpi = GrpcChannel.ForAddress(Endpoints.Kpi);
        FirstLoad = await DemoProcess.RunAsync(Endpoints, Secrets);
    }

    /// <summary>The agreements service as a development client, with all its scopes.</summary>
    public async Task<AgreementsClient> AgreementsAs(string clientId) =>
        new(DevelopmentTokens.Authorized(_agreements!, await Tokens.GetAsync(clientId)));

    /// <summary>The KPI service as a development client, with all its scopes.</summary>
    public async Task<KpiClient> KpiAs(string clientId) => new(DevelopmentTokens.Authorized(_kpi!, await Tokens.GetAsync(clientId)));

    public async Task DisposeAsync()
    {
        _agreements?.Dispose();
        _kpi?.Dispose();
        Tokens?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo loader on the real topology";
}
