using Grpc.Core;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.IntegrationEvents.Monitoring;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Testing;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Monitoring.Tests.Integration;

[Collection(MonitoringCollection.Name)]
public sealed class AttainmentTests(MonitoringFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Kreis Borken's figures for 2017 and January–March 2018, then the agreement in force: K2 stands at 6.0 % in March
    /// as a year before (exactly 0.0 %, met at its edge) and the prior year's pattern (December = 4 × March) forecasts
    /// 24.0 %, again 0.0 %: on track. Integrations 300 vs 300, forecast +0.0 % against +2.1 %: off track. Then a revision of
    /// March (70 integrations instead of 100): K2 5.4 %, −10 %, off track — one change, which the watcher sees once.
    /// </summary>
    [Fact]
    public async Task An_agreement_in_force_is_assessed_and_a_revision_changes_a_status_that_the_watcher_sees_once()
    {
        var first = await Crafted.DeliverAsync(fixture.Statistik, Crafted.SteadyYears("05554", 2018, 3), "Borken 2016-12 … 2018-03");
        var id = $"mon-borken-{Crafted.Run}";
        var borken = await fixture.MonitoringAs("jc-05554");
        await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2018, "kt-05554", "jc-05554", zkt: true), "kt-05554");

        var overview = await Eventually.AttainmentAsync(borken, id, o => o.Targets.Count == 3);
        Assert.Equal("in_force", overview.AgreementStatus);
        var k2 = overview.Targets.Single(t => t.TargetId == "2.1");
        Assert.Equal((TargetStatus.OnTrack, "2018-03"), (k2.Status, k2.Month));
        var march = k2.Months.Single(m => m.Month == "2018-03");
        Assert.Equal(("6", "6", "0", "0"), (march.Value, march.PriorYearValue, march.ChangePercent, march.Gap));
        Assert.Equal(("24", "0", 1), (march.Forecast.Value, march.Forecast.ChangePercent, march.Forecast.YearsInPattern));
        Assert.Equal(["2018-01", "2018-02", "2018-03"], k2.Months.Select(m => m.Month));
        Assert.Contains(first.DeliveryId, k2.ComputedFrom.KpiDeliveries);
        Assert.Equal((id, 1), (k2.ComputedFrom.AgreementId, k2.ComputedFrom.Edition));
        var integrations = overview.Targets.Single(t => t.TargetId == "2.2");
        Assert.Equal((TargetStatus.OffTrack, "integrations"), (integrations.Status, integrations.Indicator));
        Assert.Equal(("300", "0", "-2.1"), (integrations.Months[^1].Value, integrations.Months[^1].ChangePercent, integrations.Months[^1].Gap));
        var qualitative = overview.Targets.Single(t => t.Kind == TargetKind.Qualitative);
        Assert.Equal(TargetStatus.NotAssessable, qualitative.Status);

        await using var watching = await Watching.StartAsync(borken, new WatchStatusChangesRequest { AgreementId = id });
        var revision = await Crafted.DeliverAsync(fixture.Statistik, [Crafted.Row("05554", "2018-03", "integrations", "70")], "Borken 2018-03 revised");

        var change = await watching.NextAsync();
        Assert.Equal(("2.1", TargetStatus.OnTrack, TargetStatus.OffTrack, "2018-03"), (change.TargetId, change.PreviousStatus, change.Status, change.Month));
        Assert.Equal(("5.4", "-10", $"kpi delivery {revision.DeliveryId}"), (change.Value, change.ChangePercent, change.Cause));
        Assert.Contains("jc-05554", new[] { change.JobcenterId });
        Assert.True(change.Position > watching.Position);
        Assert.Empty(await watching.DrainAsync(Quiet));

        var after = await borken.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = id });
        var revised = after.Targets.Single(t => t.TargetId == "2.1");
        Assert.Equal((TargetStatus.OffTrack, "5.4"), (revised.Status, revised.Months[^1].Value));
        Assert.Contains(revision.DeliveryId, revised.ComputedFrom.KpiDeliveries);
        Assert.Equal(TargetStatus.OffTrack, after.Targets.Single(t => t.TargetId == "2.2").Status);
        var published = await fixture.Events.WaitForAsync<TargetStatusChanged>(e => e.Position == change.Position);
        Assert.Equal(("on_track", "off_track", id), (published.PreviousStatus, published.Status, published.AgreementId));
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var id = $"mon-dup-{Crafted.Run}";
        var borken = await fixture.MonitoringAs("jc-05554");
        await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2017, "kt-05554", "jc-05554", zkt: true), "kt-05554");
        await Eventually.AttainmentAsync(borken, id, o => o.Targets.Count == 3);
        var report = await Crafted.DeliverAsync(fixture.Statistik, [Crafted.Row("05554", "2017-02", "integrations", "90")], "Borken 2017-02 revised");
        var ingested = await fixture.Events.WaitForAsync<KpiDataIngested>(e => e.DeliveryId == report.DeliveryId);
        await Eventually.AttainmentAsync(borken, id, o => o.Targets.Any(t => t.ComputedFrom.KpiDeliveries.Contains(report.DeliveryId)));
        const string Computed = "SELECT max(computed_at)::text FROM monitored_targets WHERE agreement_id = $1";
        var computedBefore = await fixture.ScalarAsync<string>(Computed, id);
        var changesBefore = await fixture.ScalarAsync<long>("SELECT count(*) FROM status_changes WHERE agreement_id = $1", id);

        await fixture.Events.PublishAsync(ingested);
        // A delivery that concerns none of the agreement's lines, sent after it: once it is handled, so is the copy.
        var marker = ingested with { EventId = Guid.NewGuid(), Codes = ["lzb_exits"] };
        await fixture.Events.PublishAsync(marker);
        await Eventually.ReadAsync(() => fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", marker.EventId), n => n == 1);
        await Task.Delay(Quiet);

        Assert.Equal(1, await fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", ingested.EventId));
        Assert.Equal(computedBefore, await fixture.ScalarAsync<string>(Computed, id));
        Assert.Equal(changesBefore, await fixture.ScalarAsync<long>("SELECT count(*) FROM status_changes WHERE agreement_id = $1", id));
    }

    [Fact]
    public async Task Two_replicas_and_a_watcher_on_each_get_every_change_exactly_once_and_a_late_watcher_resumes()
    {
        Assert.Equal(MonitoringFixture.Replicas, fixture.ReplicaAddresses.Count);
        var id = $"mon-unna-{Crafted.Run}";
        var request = new WatchStatusChangesRequest { AgreementId = id };
        await using var onFirst = await Watching.StartAsync(await fixture.MonitoringAs("kt-05978", replica: 0), request);
        await using var onSecond = await Watching.StartAsync(await fixture.MonitoringAs("kt-05978", replica: 1), request);

        // In force before any figures: three lines, two of them without data; then the figures arrive.
        await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2018, "kt-05978", "jc-05978", zkt: false), "kt-05978");
        await Eventually.AttainmentAsync(await fixture.MonitoringAs("kt-05978"), id, o => o.Targets.Count == 3);
        await Crafted.DeliverAsync(fixture.Statistik, Crafted.SteadyYears("05978", 2018, 3), "Unna 2016-12 … 2018-03");
        var expected = new[] { TargetStatus.NoData, TargetStatus.NoData, TargetStatus.NotAssessable, TargetStatus.OnTrack, TargetStatus.OffTrack };
        foreach (var watching in new[] { onFirst, onSecond })
        {
            for (var i = 0; i < expected.Length; i++)
            {
                await watching.NextAsync();
            }

            Assert.Empty(await watching.DrainAsync(Quiet));
        }

        Assert.Equal(onFirst.Seen.Select(c => c.Position), onSecond.Seen.Select(c => c.Position));
        Assert.Equal(onFirst.Seen.Count, onFirst.Seen.Select(c => c.Position).Distinct().Count());
        Assert.Equal(expected.Order(), onFirst.Seen.Select(c => c.Status).Order());
        Assert.Equal(expected.Length, await fixture.ScalarAsync<long>("SELECT count(*) FROM status_changes WHERE agreement_id = $1", id));

        // A watcher that saw the first two reconnects with the second's position and gets exactly the rest.
        await using var resumed = await Watching.StartAsync(await fixture.MonitoringAs("kt-05978"),
            new WatchStatusChangesRequest { AgreementId = id, AfterPosition = onFirst.Seen[1].Position });
        for (var i = 2; i < expected.Length; i++)
        {
            await resumed.NextAsync();
        }

        Assert.Empty(await resumed.DrainAsync(Quiet));
        Assert.Equal(onFirst.Seen.Skip(2).Select(c => c.Position), resumed.Seen.Select(c => c.Position));
    }

    [Fact]
    public async Task Parties_see_their_own_agreements_and_jobcenters_only()
    {
        var id = $"mon-scope-{Crafted.Run}";
        await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2016, "kt-05554", "jc-05554", zkt: true), "kt-05554");
        await Eventually.AttainmentAsync(await fixture.MonitoringAs("mags-nrw"), id, o => o.Targets.Count == 3);

        var unna = await fixture.MonitoringAs("kt-05978");
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => unna.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = id }));
        Assert.Contains("kt-05978", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await unna.ListTargetsAsync(new ListTargetsRequest { AgreementId = id })).Targets);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => unna.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = "mon-no-such-agreement" }));
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => unna.ListTargetsAsync(new ListTargetsRequest { PageToken = "not-a-token" }));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => new MonitoringClient(Grpc.Net.Client.GrpcChannel.ForAddress(fixture.ReplicaAddresses[0]))
                .ListTargetsAsync(new ListTargetsRequest()).ResponseAsync);

        var jobcenter = await fixture.MonitoringAs("jc-05554");
        var listed = await jobcenter.ListTargetsAsync(new ListTargetsRequest { AgreementId = id, Statuses = { TargetStatus.NoData, TargetStatus.NotAssessable } });
        Assert.Equal(["II/2.1", "II/2.2", "II/q1"], listed.Targets.Select(t => $"{t.GoalId}/{t.TargetId}"));
        Assert.All(listed.Targets, t => Assert.Empty(t.Months));
        var paged = await jobcenter.ListTargetsAsync(new ListTargetsRequest { AgreementId = id, PageSize = 2 });
        var rest = await jobcenter.ListTargetsAsync(new ListTargetsRequest { AgreementId = id, PageSize = 2, PageToken = paged.NextPageToken });
        Assert.Equal(listed.Targets.Select(t => t.TargetId), paged.Targets.Concat(rest.Targets).Select(t => t.TargetId));
        Assert.Equal("", rest.NextPageToken);
    }
}
