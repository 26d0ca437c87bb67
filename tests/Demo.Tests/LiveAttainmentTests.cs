using System.Diagnostics;
using Grpc.Net.Client;
using Xunit.Abstractions;
using Zielsteuerung.Demo;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Testing;
using Aspire.Hosting.Testing;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Demo.Tests;

/// <summary>What a newcomer sees after the load: the monitoring service's attainment of the two agreements in force, within a minute.</summary>
[Collection(DemoCollection.Name)]
public sealed class LiveAttainmentTests(DemoFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan WithinAMinute = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_agreements_in_force_are_assessed_from_the_loaded_figures_within_a_minute()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("monitoring", "grpc"));
        var monitoring = new MonitoringClient(DevelopmentTokens.Authorized(channel, await fixture.Tokens.GetAsync("mags-nrw")));

        // The years are over and their final data are in: every quantitative target is achieved or missed.
        var borken = await AssessedAsync(monitoring, "demo-borken-2018");
        var bmasNrw = await AssessedAsync(monitoring, "demo-bmas-nrw-2016");

        foreach (var overview in new[] { borken, bmasNrw })
        {
            foreach (var target in overview.Targets)
            {
                output.WriteLine($"{overview.AgreementId} {target.GoalId}/{target.TargetId} {target.Label}: {target.Status} at {target.Month}");
            }
        }

        Assert.Equal(5, borken.Targets.Count(t => t.Kind == TargetKind.Quantitative));
        Assert.All(borken.Targets.Where(t => t.Kind == TargetKind.Quantitative), t => Assert.Equal("2018-12", t.Month));
        Assert.Contains(bmasNrw.Targets, t => t.Kind == TargetKind.Quantitative && t.Group.StartsWith("zkt_of_state DE-NW", StringComparison.Ordinal));
        var assessed = borken.Targets.Concat(bmasNrw.Targets).Where(t => t.Status is TargetStatus.Achieved or TargetStatus.Missed or TargetStatus.Observed).ToList();
        Assert.All(assessed, t => Assert.NotEmpty(t.ComputedFrom.KpiDeliveries));

        // K2E3, a twelve-month ratio, is observed by its December value; an observation without an indicator and a
        // local indicator over a group are for the dialogue, and say why.
        Assert.Equal(TargetStatus.Observed, borken.Targets.Single(t => t.TargetId == "I.A1").Status);
        Assert.Equal(TargetStatus.Observed, bmasNrw.Targets.Single(t => t.TargetId == "1.K2E3").Status);
        var refugees = borken.Targets.Single(t => t.TargetId == "III.F1");
        Assert.Equal(TargetStatus.NotAssessable, refugees.Status);
        Assert.StartsWith("the agreement names no indicator", refugees.Months.Single().Missing, StringComparison.Ordinal);
        Assert.Contains("over a group", bmasNrw.Targets.Single(t => t.TargetId == "1.bedarfsdeckend").Months.Single().Missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitoring_services_console_tells_each_status_change()
    {
        var line = await fixture.Topology.WaitForConsoleLineAsync("monitoring",
            l => l.Contains("demo-borken-2018 II/II.2 K2 = 0,0 %", StringComparison.Ordinal) && l.Contains("→ achieved at 2018-12", StringComparison.Ordinal),
            WithinAMinute);
        output.WriteLine(line);
        Assert.Matches(@"Status \d+: demo-borken-2018 II/II.2 K2 = 0,0 % \S+ → achieved at 2018-12 \((kpi delivery dlv-\d+|agreement in force.*)\)", line);
    }

    [Fact]
    public async Task The_first_load_writes_the_Borken_2018_dialogue_report_for_a_browser()
    {
        var line = Assert.Single(fixture.FirstLoad.Lines, l => l.StartsWith("Report: Borken 2018, Stand Oktober 2018, rendered as rpt-demo-borken-2018-2018-10-1 ", StringComparison.Ordinal));
        var path = line[(line.LastIndexOf(" — open ", StringComparison.Ordinal) + " — open ".Length)..];
        Assert.Equal(Path.Combine(DemoLoader.ReportDirectory, "rpt-demo-borken-2018-2018-10-1.html"), path);
        var html = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Jobcenter Kreis Borken", html, StringComparison.Ordinal);
        Assert.Contains("2. Steuerungsdialog 2018", html, StringComparison.Ordinal);
        Assert.Contains("Oktober 2018", html, StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("monitoring", "grpc"));
        var borken = new MonitoringClient(DevelopmentTokens.Authorized(channel, await fixture.Tokens.GetAsync("kt-05554")));
        var stored = await borken.GetDialogueReportAsync(new GetDialogueReportRequest { ReportId = "rpt-demo-borken-2018-2018-10-1" });
        Assert.Equal(html, stored.Html);
        Assert.Equal("mags-nrw (mags-nrw)", stored.RenderedBy);
        Assert.NotEmpty(stored.KpiDeliveries);
    }

    private async Task<AgreementAttainment> AssessedAsync(MonitoringClient monitoring, string agreementId)
    {
        var clock = Stopwatch.StartNew();
        AgreementAttainment? last = null;
        while (clock.Elapsed < WithinAMinute)
        {
            try
            {
                last = await monitoring.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = agreementId });
                if (last.Targets.Count > 0 && last.Targets.Where(t => t.Kind == TargetKind.Quantitative)
                    .All(t => t.Status is TargetStatus.Achieved or TargetStatus.Missed))
                {
                    output.WriteLine($"{agreementId}: assessed {clock.Elapsed.TotalSeconds:0.0} s after the load");
                    return last;
                }
            }
            catch (Grpc.Core.RpcException notYet) when (notYet.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"{agreementId} not assessed within a minute of the load: {last}");
    }
}
