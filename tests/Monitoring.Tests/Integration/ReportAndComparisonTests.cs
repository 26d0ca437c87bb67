using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Testing;

namespace Monitoring.Tests.Integration;

/// <summary>
/// March 2011 in Vergleichstyp Ia (<see cref="Peers"/>): every NRW jobcenter's stock is 5,000 and its integrations 100 a
/// month, except in March 2011: Borken 130, 05901 160, 05902 40. K2 in March is the twelve-month sum over the stock:
/// Borken 24.6 %, 05901 25.2 %, 05902 22.8 %, 05903 24.0 %. (2011: outside the five earlier years the other tests' 2017
/// and 2018 targets read.)
/// </summary>
[Collection(MonitoringCollection.Name)]
public sealed class ReportAndComparisonTests(MonitoringFixture fixture)
{
    private static readonly Dictionary<string, int> MarchIntegrations = new(StringComparer.Ordinal)
    {
        ["05554"] = 130, ["05901"] = 160, ["05902"] = 40,
    };

    private static readonly SemaphoreSlim Delivered = new(1, 1);
    private static string? _deliveryId;
    private static int _nrwJobcenters;

    /// <summary>Rank 2 of 4, second quartile, median (24.6 + 24.0) / 2 = 24.3; the state's value pools all NRW jobcenters.</summary>
    [Fact]
    public async Task A_jobcenter_is_ranked_among_its_Vergleichstyp_beside_the_state()
    {
        await DeliverMarchAsync();
        var monitoring = await fixture.MonitoringAs("jc-05554");

        var compared = await monitoring.CompareWithPeersAsync(new CompareWithPeersRequest { JobcenterId = "jc-05554", Code = "K2", Month = "2011-03" });

        Assert.Equal((Peers.Vergleichstyp, "24.6", 2, 4, 2), (compared.Vergleichstyp, compared.Value, compared.Rank, compared.Ranked, compared.Quartile));
        Assert.Equal(("24.3", "0.3", 0), (compared.Median, compared.DistanceToMedian, compared.WithoutValue));
        Assert.Equal(["jc-05901", "jc-05554", "jc-05903", "jc-05902"], compared.Members.Select(m => m.JobcenterId));
        // Pooled: the twelve-month integrations of all over their stock; every other NRW jobcenter has 1,200.
        var integrations = 1200m * _nrwJobcenters + 30 + 60 - 60;
        Assert.Equal(("DE-NW", Math.Round(integrations / (5000m * _nrwJobcenters) * 100, 6)),
            (compared.State, Math.Round(decimal.Parse(compared.StateValue, System.Globalization.CultureInfo.InvariantCulture), 6)));
        Assert.Equal("", compared.FederalValue);
        Assert.Equal("the party registry holds the jobcenters of 1 of the 16 states: no federal value", compared.FederalMissing);
        Assert.True(compared.HigherIsBetter);

        var invalid = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => monitoring.CompareWithPeersAsync(new CompareWithPeersRequest { JobcenterId = "jc-05554", Code = "integrations", Month = "2011-03" }));
        Assert.Contains("not a key figure", invalid.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => monitoring.CompareWithPeersAsync(new CompareWithPeersRequest { JobcenterId = "jc-05554", Code = "K2", Month = "März" }));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => monitoring.CompareWithPeersAsync(new CompareWithPeersRequest { JobcenterId = "jc-05978", Code = "K2", Month = "2011-03" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => monitoring.CompareWithPeersAsync(new CompareWithPeersRequest { JobcenterId = "jc-99999", Code = "K2", Month = "2011-03" }));
    }

    /// <summary>
    /// The report of a 2015 Borken agreement for March: HTML and CSV from the figures, the comparison in it, stored with
    /// the agreement version and the deliveries it shows; read back unchanged; only the agreement's parties get it.
    /// </summary>
    [Fact]
    public async Task The_dialogue_report_is_rendered_stored_with_its_data_versions_and_read_back_unchanged()
    {
        var delivery = await DeliverMarchAsync();
        var id = $"mon-report-{Crafted.Run}";
        var borken = await fixture.MonitoringAs("kt-05554");
        var agreement = await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2011, "kt-05554", "jc-05554", zkt: true), "kt-05554");
        await Eventually.AttainmentAsync(borken, id, o => o.Targets.Count == 3);

        var report = await borken.RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = id, Month = "2011-03", Dialogue = "1. Steuerungsdialog 2011" });

        Assert.Equal(($"rpt-{id}-2011-03-1", id, "2011-03", agreement.Version, 1), (report.ReportId, report.AgreementId, report.Month, report.AgreementVersion, report.Edition));
        Assert.Contains(delivery, report.KpiDeliveries);
        Assert.Equal("kt-05554 (kt-05554)", report.RenderedBy);
        Assert.StartsWith("<!DOCTYPE html>", report.Html, StringComparison.Ordinal);
        Assert.Contains("Jobcenter Kreis Borken", report.Html, StringComparison.Ordinal);
        Assert.Contains("1. Steuerungsdialog 2011", report.Html, StringComparison.Ordinal);
        Assert.Contains("<svg", report.Html, StringComparison.Ordinal);
        Assert.Contains("Ia", report.Html, StringComparison.Ordinal);
        Assert.Contains("24,6", report.Html, StringComparison.Ordinal); // K2 in March, German format
        var csv = report.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 2 * 3 + 1, csv.Length); // the header, the two quantitative targets × January … March, the qualitative goal
        Assert.Equal(7, csv.Count(line => line.Contains(delivery, StringComparison.Ordinal)));

        var stored = await borken.GetDialogueReportAsync(new GetDialogueReportRequest { ReportId = report.ReportId });
        Assert.Equal((report.Html, report.Csv, report.Sha256, report.KpiDeliveries), (stored.Html, stored.Csv, stored.Sha256, stored.KpiDeliveries));
        var again = await (await fixture.MonitoringAs("mags-nrw")).RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = id, Month = "2011-02" });
        Assert.Equal($"rpt-{id}-2011-02-1", again.ReportId);

        var unna = await fixture.MonitoringAs("kt-05978");
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => unna.RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = id, Month = "2011-03" }));
        Assert.Contains("kt-05978", refused.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => unna.GetDialogueReportAsync(new GetDialogueReportRequest { ReportId = report.ReportId }));
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => borken.RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = id, Month = "2012-01" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => borken.RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = "no-such-agreement", Month = "2011-03" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => borken.GetDialogueReportAsync(new GetDialogueReportRequest { ReportId = "rpt-none" }));
    }

    // Once per run, whichever test comes first.
    private async Task<string> DeliverMarchAsync()
    {
        await Delivered.WaitAsync();
        try
        {
            if (_deliveryId is null)
            {
                var nrw = await (await fixture.RegistryAs("mags-nrw")).ListGroupMembersAsync(new Zielsteuerung.Parties.V1.ListGroupMembersRequest
                {
                    Group = new Zielsteuerung.Parties.V1.PartyFilter { Kind = Zielsteuerung.Parties.V1.PartyKind.Jobcenter, State = "DE-NW" },
                    AsOf = "2011-03-31",
                });
                _nrwJobcenters = nrw.Members.Count;
                var rows = nrw.Members.Select(m => m.Ags).SelectMany(key => Crafted.SteadyYears(key, 2011, 3)
                    .Where(r => !(r.Month == "2011-03" && r.Code == "integrations"))
                    .Append(Crafted.Row(key, "2011-03", "integrations", MarchIntegrations.GetValueOrDefault(key, 100).ToString(System.Globalization.CultureInfo.InvariantCulture))));
                _deliveryId = (await Crafted.DeliverAsync(fixture.Statistik, rows, "NRW 2009-12 … 2011-03")).DeliveryId;
            }

            return _deliveryId;
        }
        finally
        {
            Delivered.Release();
        }
    }
}
