using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Testing;

namespace Monitoring.Tests.Integration;

/// <summary>
/// Rhein-Kreis Neuss 2018 on steady figures: integrations +0.0 % against +2.1 % is off track (one earlier year: the band
/// is the change itself). The drafting party's tolerance decides how far the band's unfavourable end may miss.
/// </summary>
[Collection(MonitoringCollection.Name)]
public sealed class ToleranceTests(MonitoringFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_tolerance_set_by_the_drafting_party_judges_every_line_again_and_the_watcher_sees_the_change()
    {
        var id = $"mon-tolerance-{Crafted.Run}";
        await Crafted.DeliverAsync(fixture.Statistik, Crafted.SteadyYears("05162", 2018, 3), "Neuss 2016-12 … 2018-03");
        await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2018, "kt-05162", "jc-05162", zkt: false), "kt-05162");
        var mags = await fixture.MonitoringAs("mags-nrw");
        var before = await Eventually.AttainmentAsync(mags, id, o => o.Targets.Any(t => t.TargetId == "2.2" && t.Status == TargetStatus.OffTrack));
        Assert.Equal(("0", 0L), (before.TolerancePoints, before.SettingsVersion));
        await using var watching = await Watching.StartAsync(mags, new WatchStatusChangesRequest { AgreementId = id });

        // 1.0 points: the band's favourable end (+0.0 %) still misses +2.1 − 1.0 — no change.
        var loose = await mags.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "1.0", ExpectedSettingsVersion = 0 });
        Assert.Equal(("1", 1L, TargetStatus.OffTrack), (loose.TolerancePoints, loose.SettingsVersion, loose.Targets.Single(t => t.TargetId == "2.2").Status));

        // 2.1 points: the unfavourable end meets +2.1 − 2.1: on track, one change, told with its cause.
        var tolerant = await mags.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "2.1", ExpectedSettingsVersion = 1 });
        Assert.Equal(("2.1", 2L, TargetStatus.OnTrack), (tolerant.TolerancePoints, tolerant.SettingsVersion, tolerant.Targets.Single(t => t.TargetId == "2.2").Status));
        var change = await watching.NextAsync();
        Assert.Equal(("2.2", TargetStatus.OffTrack, TargetStatus.OnTrack), (change.TargetId, change.PreviousStatus, change.Status));
        Assert.Equal("tolerance set to 2.1 by mags-nrw (mags-nrw)", change.Cause);
        Assert.Empty(await watching.DrainAsync(Quiet));

        // A delivery afterwards is judged with the tolerance too.
        var again = await Crafted.DeliverAsync(fixture.Statistik, [Crafted.Row("05162", "2018-03", "integrations", "100")], "Neuss 2018-03 again");
        var recomputed = await Eventually.AttainmentAsync(mags, id,
            o => o.Targets.Single(t => t.TargetId == "2.2").ComputedFrom.KpiDeliveries.Contains(again.DeliveryId));
        Assert.Equal(TargetStatus.OnTrack, recomputed.Targets.Single(t => t.TargetId == "2.2").Status);

        var stale = await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => mags.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "0", ExpectedSettingsVersion = 1 }));
        Assert.Contains("at version 2, not 1", stale.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => mags.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "-1", ExpectedSettingsVersion = 2 }));
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => mags.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "11", ExpectedSettingsVersion = 2 }));
        var bmas = await fixture.MonitoringAs("bmas");
        var notDrafter = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => bmas.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "0", ExpectedSettingsVersion = 2 }));
        Assert.Contains("bmas", notDrafter.Message, StringComparison.Ordinal);
        var neuss = await fixture.MonitoringAs("kt-05162");
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => neuss.SetToleranceAsync(new SetToleranceRequest { AgreementId = id, TolerancePoints = "0", ExpectedSettingsVersion = 2 }));
        Assert.Equal(("2.1", 2L), await SettingsAsync(mags, id));
    }

    private static async Task<(string, long)> SettingsAsync(Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient client, string id)
    {
        var overview = await client.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = id });
        return (overview.TolerancePoints, overview.SettingsVersion);
    }
}
