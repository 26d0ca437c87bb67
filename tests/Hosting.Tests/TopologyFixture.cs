using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>The AppHost's topology, started once for the tests of this assembly that share it.</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public TestTopology Topology { get; private set; } = null!;

    public async Task InitializeAsync() => Topology = await TestTopology.StartAsync();

    public async Task DisposeAsync()
    {
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<TopologyFixture>
{
    public const string Name = "the AppHost's topology";
}
