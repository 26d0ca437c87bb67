using System.Diagnostics;
using System.Globalization;
using Agreements.Seeds;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Kpi.Importer.Upload;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Testing;

namespace EndToEnd.Tests;

/// <summary>The faults, after the scenario's steps: each ends with nothing stored or told twice.</summary>
public sealed partial class ScenarioTests
{
    /// <summary>
    /// Fault a: RabbitMQ stops, a revision is delivered (stored, its <see cref="KpiDataIngested"/> waiting in the KPI
    /// service's outbox), RabbitMQ starts again: the event arrives once, the attainment catches up, the watcher is told
    /// each change once.
    /// </summary>
    [Fact]
    [Step(6)]
    public async Task Fault_a_RabbitMQ_restarted_while_a_delivery_waits_in_the_outbox_loses_no_event_and_repeats_none()
    {
        Assert.True(State.FlippedIntegrations is not null && State.Latest is not null, "step 5 did not flip a status");
        var clock = Stopwatch.StartNew();
        var before = await CurrentAsync();
        var lastPosition = await LastPositionAsync();
        var original = KpiData.Value(Scenario.MarchData, Scenario.Borken, Scenario.March, "integrations");

        await fixture.Topology.StopResourceAsync("rabbitmq");
        output.WriteLine($"rabbitmq stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        Delivered restore;
        try
        {
            // As delivered first: the statuses of step 3 come back once the event gets through.
            restore = await KpiData.ReviseAsync(await fixture.KpiAs("ba-statistik"), "BA Statistik: Kreis Borken 2018-03 revised back",
                (Scenario.Borken, Scenario.March, "integrations", original));
            output.WriteLine($"{restore.Id} stored while the broker is down ({restore.Took.TotalMilliseconds:0} ms)");
            var stillBefore = await (await fixture.MonitoringAs("kt-05554")).GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = State.AgreementId });
            Assert.DoesNotContain(stillBefore.Targets, t => t.ComputedFrom.KpiDeliveries.Contains(restore.Id));
        }
        finally
        {
            using var healthy = new CancellationTokenSource(TestTopology.StartTimeout);
            await fixture.Topology.StartResourceAsync("rabbitmq", healthy.Token);
        }

        var back = clock.Elapsed;
        output.WriteLine($"rabbitmq healthy again {back.TotalSeconds:0.0} s into the fault");
        var after = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => a.Targets.Single(t => t.TargetId == "II.1").ComputedFrom.KpiDeliveries.Contains(restore.Id), "caught up with the revision", TimeSpan.FromSeconds(180));
        output.WriteLine($"caught up {(clock.Elapsed - back).TotalSeconds:0.0} s after the broker was back: {Attainments.Describe(after)}");

        await AssertToldOnceAsync(before, after, restore, lastPosition);
        var ingested = await IngestedAsync(restore);
        Assert.Single(fixture.Events.Received.OfType<KpiDataIngested>(), e => e.DeliveryId == restore.Id);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", ingested.EventId));
        State.Latest = after;
        output.WriteLine($"fault a: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Fault b: the monitoring replica that takes a delivery's event is killed (kill -9) while it recomputes three
    /// agreements; started again, it catches up: each agreement equals a copy put in force afterwards on the same data
    /// (the undisturbed run), the change log has nothing twice, and watchers that reconnect see each position once.
    /// </summary>
    [Fact]
    [Step(7)]
    public async Task Fault_b_a_monitoring_replica_killed_mid_recomputation_restarts_and_catches_up_to_the_undisturbed_result()
    {
        Assert.True(State.FlippedIntegrations is not null && State.Latest is not null, "the scenario did not get this far");
        var clock = Stopwatch.StartNew();
        var (victim, other) = (fixture.Monitoring.All[0], fixture.Monitoring.All[1]);

        // More to recompute than one agreement: two more copies of seed 001 in force (Kreis Borken is a party of each).
        var copies = await Task.WhenAll(new[] { "b1", "b2" }.Select(suffix => InForceCopyAsync($"{State.AgreementId}-{suffix}")));
        var agreements = copies.Prepend(State.AgreementId).ToArray();
        foreach (var copy in copies)
        {
            await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), copy,
                a => Attainments.Quantitative(a).All(t => t.Month == Scenario.March), "assessed for 2018-03");
        }

        output.WriteLine($"copies {string.Join(", ", copies)} in force and assessed in {clock.Elapsed.TotalSeconds:0.0} s");
        var lastPosition = await LastPositionAsync();
        await using var watcher = await Watcher.StartAsync(() => fixture.MonitoringAs("kt-05554", victim.Address),
            new WatchStatusChangesRequest { PartyId = "kt-05554", AfterPosition = lastPosition });

        // Kreis Borken's watch of the scenario moves to the victim's own port (it may have been served by the other
        // replica through DCP's proxy), resuming after the last position, so the other replica has no watch open.
        await Attainments.AssertWatcherSawEachOnceAsync(fixture, State.Watcher!, [State.AgreementId], State.Watcher!.SubscribedAt);
        await State.Watcher!.DisposeAsync();
        State.Watcher = await Watcher.StartAsync(() => fixture.MonitoringAs("kt-05554", victim.Address),
            new WatchStatusChangesRequest { AgreementId = State.AgreementId, AfterPosition = lastPosition });

        // Only the victim consumes while the other replica is stopped: the event is surely its to handle. A watch open on
        // the other replica does not hold up its stop: it ends UNAVAILABLE, naming the position to resume after.
        await using var onOther = await Watcher.StartAsync(() => fixture.MonitoringAs("kt-05554", other.Address),
            new WatchStatusChangesRequest { PartyId = "kt-05554", AfterPosition = lastPosition });
        var stopping = Stopwatch.StartNew();
        await fixture.Monitoring.StopAsync(other);
        output.WriteLine($"{other} stopped in {stopping.Elapsed.TotalSeconds:0.0} s with a watch open, {clock.Elapsed.TotalSeconds:0.0} s into the fault");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"{other} took {stopping.Elapsed.TotalSeconds:0} s to stop with a watch open");
        Assert.StartsWith("Unavailable: the monitoring service is stopping: watch again with after_position ", onOther.Breaks.FirstOrDefault(), StringComparison.Ordinal);
        var value = State.FlippedIntegrations == 0 ? 1 : State.FlippedIntegrations!.Value + 1;
        var revision = await KpiData.ReviseAsync(await fixture.KpiAs("ba-statistik"), "BA Statistik: Kreis Borken 2018-03 revised again",
            (Scenario.Borken, Scenario.March, "integrations", value.ToString(CultureInfo.InvariantCulture)));
        var ingested = await IngestedAsync(revision);
        var killed = await fixture.Monitoring.KillAsync(victim);
        var processedAtKill = await fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", ingested.EventId);
        var writtenAtKill = (await Attainments.LoggedAsync(fixture, agreements, lastPosition)).Count;
        output.WriteLine($"{revision.Id} (integrations {value}) published; {victim} killed (kill -9 of {string.Join(", ", killed)}) "
            + $"{clock.Elapsed.TotalSeconds:0.0} s into the fault; at the kill the event was {(processedAtKill == 0 ? "not yet written: killed mid-recomputation" : "already written")}, {writtenAtKill} changes logged");

        var restarted = await fixture.Monitoring.StartAsync(victim, killed[0]);
        output.WriteLine($"{victim} healthy again after {restarted.TotalSeconds:0.0} s");
        var otherStart = fixture.Monitoring.StartAsync(other);
        var results = new List<AgreementAttainment>();
        foreach (var id in agreements)
        {
            results.Add(await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554", victim.Address), id,
                a => a.Targets.Single(t => t.TargetId == "II.1").ComputedFrom.KpiDeliveries.Contains(revision.Id), "caught up with the revision", TimeSpan.FromSeconds(180)));
        }

        output.WriteLine($"caught up {clock.Elapsed.TotalSeconds:0.0} s into the fault: {Attainments.Describe(results[0])}");
        output.WriteLine($"{other} healthy again after {(await otherStart).TotalSeconds:0.0} s");

        // The undisturbed run: the same agreement put in force now, on the same data.
        var reference = await InForceCopyAsync($"{State.AgreementId}-ref");
        var undisturbed = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), reference,
            a => a.Targets.Count == results[0].Targets.Count && Attainments.Quantitative(a).All(t => t.Month == Scenario.March), "assessed");
        output.WriteLine($"the undisturbed run {reference}: {string.Join(", ", undisturbed.Targets.Select(t => $"{t.TargetId} {t.Status}"))}");
        foreach (var result in results)
        {
            Assert.Equal(undisturbed.Targets.Select(Attainments.Result), result.Targets.Select(Attainments.Result));
        }

        // Exactly one write for the event, each change logged and told once; the watchers reconnected after the kill.
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", ingested.EventId));
        var log = await Attainments.AssertWatcherSawEachOnceAsync(fixture, watcher, agreements, lastPosition);
        Attainments.AssertNoDuplicates(await Attainments.LoggedAsync(fixture, [.. agreements, reference], 0));
        await Attainments.AssertWatcherSawEachOnceAsync(fixture, State.Watcher!, [State.AgreementId], lastPosition);
        var caused = log.Where(c => c.Change.Cause == $"kpi delivery {revision.Id}").ToList();
        output.WriteLine($"{revision.Id} changed {caused.Count} statuses across {agreements.Length} agreements, each logged and told once "
            + $"(watcher streams opened: {watcher.Streams}, last break: {watcher.LastBreak}): {string.Join("; ", caused.Select(c => Watcher.Describe(c.Change)))}");
        Assert.Equal(log.Count, caused.Count);
        Assert.Equal(caused.Count, caused.Select(c => (c.AgreementId, c.TargetKey)).Distinct().Count());
        State.Latest = results[0];
        output.WriteLine($"fault b: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Fault c: a big delivery is cut off by a kill -9 of the KPI service while it streams; after the restart the same
    /// upload with the same idempotency key is stored exactly once, one <see cref="KpiDataIngested"/> is published, and the
    /// monitoring service handles it once.
    /// </summary>
    [Fact]
    [Step(8)]
    public async Task Fault_c_a_delivery_cut_off_by_killing_the_KPI_service_is_retried_with_its_key_and_stored_once()
    {
        Assert.True(State.Latest is not null && State.Watcher is not null, "the scenario did not get this far");
        var clock = Stopwatch.StartNew();
        var key = $"e2e-{Scenario.Run}-big-revision";
        var (file, rows) = KpiData.Generate(State.Files, Scenario.BigRevision);
        var lastPosition = await LastPositionAsync();
        var before = await CurrentAsync();
        var service = fixture.Topology.ProcessId("kpi-ingestion") ?? throw new InvalidOperationException("kpi-ingestion runs no process");
        var processes = ProcessTree.Of(service);
        output.WriteLine($"{rows:N0} rows generated ({Scenario.BigRevision.From} … {Scenario.BigRevision.To}, seed {Scenario.BigRevision.Seed}, final) in {clock.Elapsed.TotalSeconds:0.0} s");

        // kill -9 from within the upload's progress report, a third of the way: the stream is surely open.
        var cut = new KillWhenSent(rows / 3, processes);
        var statistik = await fixture.KpiAs("ba-statistik");
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => KpiData.UploadAsync(statistik, file, rows, key, "BA Statistik: NRW revised (generated, seed 2019)", cut));
        output.WriteLine($"kpi-ingestion killed (kill -9 of {string.Join(", ", processes)}) after {cut.SentAtKill:N0} of {rows:N0} rows; the upload failed: {failed.GetType().Name}: {failed.Message}");
        Assert.True(cut.SentAtKill > 0, "the upload ended before the kill");

        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await fixture.Topology.App.ResourceNotifications.WaitForResourceAsync("kpi-ingestion",
                e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), exited.Token);
        }

        var restart = Stopwatch.StartNew();
        using (var healthy = new CancellationTokenSource(TestTopology.StartTimeout))
        {
            await fixture.Topology.StartResourceAsync("kpi-ingestion", healthy.Token);
        }

        output.WriteLine($"kpi-ingestion healthy again after {restart.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0L, await KpiScalarAsync("SELECT count(*) FROM deliveries WHERE idempotency_key = $1", key));

        var stored = await RetryAsync(() => KpiData.UploadAsync(statistik, file, rows, key, "BA Statistik: NRW revised (generated, seed 2019)"));
        output.WriteLine($"retried: {stored.Id} stored {stored.Report.RowsStored:N0} rows in {stored.Took.TotalSeconds:0.0} s");
        Assert.Equal("", stored.Report.DuplicateOf);
        var listed = await statistik.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 50 });
        Assert.Single(listed.Deliveries, d => d.IdempotencyKey == key);
        Assert.Equal(1L, await KpiScalarAsync("SELECT count(*) FROM deliveries WHERE idempotency_key = $1", key));
        Assert.Equal(rows, await KpiScalarAsync("SELECT count(*) FROM kpi_values WHERE delivery = $1", stored.Report.Sequence));

        // One event, handled once: Borken's lines computed from it, each change logged and told once.
        var ingested = await IngestedAsync(stored);
        var after = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => Attainments.Quantitative(a).Where(t => t.DataBasis == "final").All(t => t.ComputedFrom.KpiDeliveries.Contains(stored.Id)), "recomputed for the big revision");
        output.WriteLine($"recomputed {clock.Elapsed.TotalSeconds:0.0} s into the fault: {Attainments.Describe(after)}");
        await AssertToldOnceAsync(before, after, stored, lastPosition);
        Assert.Single(fixture.Events.Received.OfType<KpiDataIngested>(), e => e.DeliveryId == stored.Id);
        Assert.Equal(1, fixture.Events.Received.OfType<KpiDataIngested>().Count(e => e.Sequence == stored.Report.Sequence));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE event_id = $1", ingested.EventId));
        State.Latest = after;
        output.WriteLine($"fault c: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Seed 001 replayed again under another id, as its parties: a copy in force, for more work or as the undisturbed run.</summary>
    private async Task<string> InForceCopyAsync(string id)
    {
        var draft = SeedAgreements.Borken2018.Draft;
        draft.AgreementId = id;
        var agreement = await GrpcSeedReplay.ReplayAsync(fixture.AgreementsAs, SeedAgreements.Borken2018, draft);
        Assert.Equal(AgreementStatus.InForce, agreement.Edition.Status);
        return id;
    }

    private async Task<long> KpiScalarAsync(string sql, params object[] parameters) =>
        (long)(await fixture.QueryDatabaseAsync("kpi-db", sql, parameters)).Single()[0];

    // The restarted service's first calls may still meet a connection DCP's proxy had to the old process.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Grpc.Core.RpcException e) when (attempt < 5 && e.StatusCode is Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.Internal)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>An upload's progress that kills the KPI service's processes once <paramref name="rows"/> are sent (synchronously, so mid-stream).</summary>
    private sealed class KillWhenSent(long rows, IReadOnlyList<int> processes) : IProgress<UploadProgress>
    {
        public long SentAtKill { get; private set; }

        public void Report(UploadProgress value)
        {
            if (SentAtKill == 0 && value.RowsSent >= rows && value.BytesRead < value.TotalBytes)
            {
                SentAtKill = value.RowsSent;
                Processes.Kill(processes);
            }
        }
    }
}
