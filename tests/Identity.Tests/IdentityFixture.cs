using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Zielsteuerung.Identity.V1;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.Testing;

namespace Identity.Tests;

/// <summary>
/// Once per test run: the AppHost's topology, with the registry's traces sent to a collector (to see who called it),
/// and clients of the identity service's admin API and of the registry.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private GrpcChannel? _identity;
    private GrpcChannel? _registry;

    public TestTopology Topology { get; private set; } = null!;

    public DevelopmentTokens Tokens { get; private set; } = null!;

    public OtlpCollector RegistryTraces { get; private set; } = null!;

    public ClientAdmin.ClientAdminClient Admin => new(_identity!);

    /// <summary>The registry, called with <paramref name="token"/>.</summary>
    public PartyRegistry.PartyRegistryClient Registry(string token) => new(DevelopmentTokens.Authorized(_registry!, token));

    /// <summary>Call options of the development platform admin (identity.admin).</summary>
    public async Task<Metadata> AdminCallAsync() => DevelopmentTokens.Bearer(await Tokens.GetAsync("platform-admin", "identity.admin"));

    public async Task InitializeAsync()
    {
        RegistryTraces = await OtlpCollector.StartAsync();
        Topology = await TestTopology.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("party-registry")
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", RegistryTraces.Endpoint)
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200"));
        Tokens = new DevelopmentTokens(Topology.App);
        _identity = GrpcChannel.ForAddress(Topology.App.GetEndpoint("identity", "grpc"));
        _registry = GrpcChannel.ForAddress(Topology.App.GetEndpoint("party-registry", "grpc"));
    }

    public async Task DisposeAsync()
    {
        _identity?.Dispose();
        _registry?.Dispose();
        Tokens?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }

        if (RegistryTraces is not null)
        {
            await RegistryTraces.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "identity service on real infrastructure";
}
