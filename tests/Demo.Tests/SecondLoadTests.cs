using Xunit.Abstractions;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Demo;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using DeliveryState = Zielsteuerung.Kpi.V1.DeliveryState;
using ListDeliveriesRequest = Zielsteuerung.Kpi.V1.ListDeliveriesRequest;

namespace Demo.Tests;

/// <summary>The demo loaded a second time (the library, as the AppHost's command calls it): nothing written, and said so.</summary>
[Collection(DemoCollection.Name)]
public sealed class SecondLoadTests(DemoFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_load_writes_nothing_and_says_so()
    {
        var statistik = await fixture.KpiAs("ba-statistik");
        var mags = await fixture.AgreementsAs("mags-nrw");
        var deliveriesBefore = (await statistik.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 200 })).Deliveries.Select(d => d.DeliveryId).ToList();
        var agreementsBefore = await VersionsAsync(mags);

        var lines = new List<string>();
        var report = await DemoLoader.LoadAsync(fixture.Endpoints, fixture.Secrets, new Reported<string>(lines.Add));

        output.WriteLine($"second load, the library: {report.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(string.Join(Environment.NewLine, lines));
        Assert.False(report.ChangedAnything);
        Assert.All(report.Agreements, a => Assert.Equal(LoadOutcome.AlreadyLoaded, a.Outcome));
        Assert.Contains("Borken 2018: already loaded as demo-borken-2018 (in force since 2018-02-22) — skipped", lines);
        Assert.Equal((LoadOutcome.AlreadyLoaded, DeliveryState.Stored, 447_744L), (report.Kpi.Outcome, report.Kpi.State, report.Kpi.RowsStored));
        Assert.Equal((LoadOutcome.AlreadyLoaded, "rpt-demo-borken-2018-2018-10-1"), (report.Report.Outcome, report.Report.ReportId));
        Assert.Contains(lines, line => line.StartsWith("Report: Borken 2018, Stand Oktober 2018, rendered already as rpt-demo-borken-2018-2018-10-1 ", StringComparison.Ordinal));
        Assert.Equal(deliveriesBefore, (await statistik.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 200 })).Deliveries.Select(d => d.DeliveryId));
        Assert.Single(deliveriesBefore);
        Assert.Equal(agreementsBefore, await VersionsAsync(mags));
        Assert.Equal(DemoLoader.AgreementIds.Order(StringComparer.Ordinal), agreementsBefore.Keys.Where(id => id.StartsWith("demo-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_command_loads_through_the_AppHost_model_and_logs_to_the_resources_console()
    {
        var result = await fixture.Topology.App.ResourceCommands.ExecuteCommandAsync("agreements", "load-demo-data");

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("Demo data was loaded already in ", result.Message, StringComparison.Ordinal);
        var console = await fixture.Topology.ConsoleLinesAsync("agreements");
        Assert.Contains(console, line => line.Contains("Borken 2018: already loaded as demo-borken-2018 (in force since 2018-02-22) — skipped", StringComparison.Ordinal));
    }

    /// <summary>The agreements the party sees, with their versions.</summary>
    private static async Task<Dictionary<string, long>> VersionsAsync(AgreementsClient client)
    {
        var listed = await client.ListAgreementsAsync(new ListAgreementsRequest { PageSize = 100 });
        return listed.Agreements.ToDictionary(a => a.Id, a => a.Version, StringComparer.Ordinal);
    }
}
