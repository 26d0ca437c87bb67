using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>What the platform team sees when a service dies, and that the dashboard's Start brings it back.</summary>
[Collection(TopologyCollection.Name)]
public sealed class ServiceLifecycleTests(TopologyFixture fixture)
{
    private TestTopology Topology => fixture.Topology;

    [Fact]
    public async Task A_killed_service_is_reported_with_its_exit_code_and_starts_again_healthy()
    {
        Assert.True(Topology.App.ResourceNotifications.TryGetCurrentState("party-registry", out var running));
        var pid = int.Parse(running!.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value!.ToString()!, CultureInfo.InvariantCulture);

        using (var service = Process.GetProcessById(pid))
        {
            service.Kill(entireProcessTree: true); // SIGKILL to `dotnet run` and the service it runs
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exited = await Topology.App.ResourceNotifications.WaitForResourceAsync("party-registry",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        Assert.NotEqual(0, exited.Snapshot.ExitCode);

        await Topology.StartResourceAsync("party-registry", timeout.Token);
        using var client = Topology.App.CreateHttpClient("party-registry", "http");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health", timeout.Token)).StatusCode);
    }
}
