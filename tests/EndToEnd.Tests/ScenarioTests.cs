using System.Diagnostics;
using System.Globalization;
using Agreements.Seeds;
using Xunit.Abstractions;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Parties.V1;

namespace EndToEnd.Tests;

/// <summary>
/// The platform from the reference parties to a status change a party is told of, in order: the registry's parties,
/// seed 001 put in force by its parties through the agreements API, BA Statistik's history and the month 2018-03 of
/// the 53 NRW jobcenters, the attainment and the watch, the dialogue report, a revision that flips a status; then the
/// faults (<c>FaultTests.cs</c>). Each step builds on the one before it (<see cref="ScenarioState"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed partial class ScenarioTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    private ScenarioState State => fixture.Scenario;

    [Fact]
    [Step(1)]
    public async Task Step1_the_registry_has_the_53_NRW_jobcenters_MAGS_NRW_and_Kreis_Borken()
    {
        var clock = Stopwatch.StartNew();
        output.WriteLine($"topology healthy in {fixture.StartedIn.TotalSeconds:0.0} s; monitoring replicas: {string.Join(", ", fixture.Monitoring.All)}");
        var parties = await fixture.PartiesAs("mags-nrw");
        var jobcenters = new List<Party>();
        var request = new ListPartiesRequest { Filter = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-NW" }, AsOf = "2018-03-31", PageSize = 100 };
        do
        {
            var page = await parties.ListPartiesAsync(request);
            jobcenters.AddRange(page.Parties);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        var forms = jobcenters.GroupBy(j => j.Form).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"NRW jobcenters as of 2018-03-31: {jobcenters.Count} ({forms.GetValueOrDefault(JobcenterForm.Ge)} gE, {forms.GetValueOrDefault(JobcenterForm.Zkt)} zkT)");
        Assert.Equal(53, jobcenters.Select(j => j.Id).Distinct().Count());
        Assert.Equal((35, 18), (forms.GetValueOrDefault(JobcenterForm.Ge), forms.GetValueOrDefault(JobcenterForm.Zkt)));

        var mags = await parties.GetPartyAsync(new GetPartyRequest { Id = "mags-nrw", AsOf = "2018-02-22" });
        var borken = await parties.GetPartyAsync(new GetPartyRequest { Id = "kt-05554", AsOf = "2018-02-22" });
        var jobcenter = jobcenters.Single(j => j.Id == Scenario.BorkenJobcenter);
        output.WriteLine($"{mags.Id}: {mags.Name} ({mags.Kind}); {borken.Id}: {borken.Name} ({borken.Kind}, AGS {borken.Ags}); {jobcenter.Id}: {jobcenter.Name} ({jobcenter.Form})");
        Assert.Equal((PartyKind.StateMinistry, "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen"), (mags.Kind, mags.Name));
        Assert.Equal((PartyKind.MunicipalCarrier, "Kreis Borken", "05554"), (borken.Kind, borken.Name, borken.Ags));
        Assert.Equal(JobcenterForm.Zkt, jobcenter.Form);
        output.WriteLine($"step 1: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    [Step(2)]
    public async Task Step2_seed_001_is_drafted_by_MAGS_NRW_completed_and_signed_by_Kreis_Borken_and_signed_by_MAGS_NRW_in_force_on_2018_02_22()
    {
        var clock = Stopwatch.StartNew();
        var seed = SeedAgreements.Borken2018;
        var draft = seed.Draft;
        draft.AgreementId = State.AgreementId;
        var agreement = await GrpcSeedReplay.ReplayAsync(fixture.AgreementsAs, seed, draft,
            (written, step) => output.WriteLine($"  {(step is null ? "draft" : step.GetType().Name.Replace("Step", "", StringComparison.Ordinal))} as {step?.ClientId ?? seed.DraftingClientId}: {written.Edition.Status}, version {written.Version}"));
        output.WriteLine($"{agreement.Id}: {agreement.Edition.Status} on {agreement.Edition.InForceOn}, drafted by {agreement.DraftingPartyId}, {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal((AgreementStatus.InForce, "2018-02-22"), (agreement.Edition.Status, agreement.Edition.InForceOn));
        Assert.Equal("mags-nrw", agreement.DraftingPartyId);
        Assert.Equal(["kt-05554", "mags-nrw"], agreement.Edition.Signatures.Select(s => s.PartyId));
        Assert.Equal(["2018-01-29", "2018-02-22"], agreement.Edition.Signatures.Select(s => s.SignedOn));
        Assert.Contains(agreement.Documents, d => d.PartOfAgreement && d.RecordedBy.Contains("kt-05554", StringComparison.Ordinal));
        Assert.Equal(GrpcSeedReplay.DraftVersion + seed.Steps.Count, agreement.Version);

        // The monitoring service follows it: every target, observation and statement a line, before any figure.
        var followed = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => a.Targets.Count > 0, "followed");
        output.WriteLine($"followed by the monitoring service {clock.Elapsed.TotalSeconds:0.0} s after the draft: {Attainments.Describe(followed)}");
        Assert.Equal("in_force", followed.AgreementStatus);
        Assert.Equal(["II/II.1", "II/II.2", "III/III.1", "III/III.2", "III/III.3"], Attainments.Quantitative(followed).Select(Attainments.Key));
        State.InForce = true;
        State.Latest = followed;
    }

    [Fact]
    [Step(3)]
    public async Task Step3_BA_Statistik_delivers_the_history_then_2018_03_and_Kreis_Borken_is_told_each_status_change_once()
    {
        Assert.True(State.InForce, "step 2 did not put the agreement in force");
        var clock = Stopwatch.StartNew();
        var statistik = await fixture.KpiAs("ba-statistik");
        var committed = await LastPositionAsync();
        State.Watcher = await Watcher.StartAsync(() => fixture.MonitoringAs("kt-05554"), new WatchStatusChangesRequest { AgreementId = State.AgreementId });
        var watchedFrom = State.Watcher.SubscribedAt;
        output.WriteLine($"Kreis Borken watches {State.AgreementId} after position {watchedFrom} (the change log's last position before the watch opened: {committed})");

        // The history: 2012-12 … 2018-02.
        var (historyFile, historyRows) = KpiData.Generate(State.Files, Scenario.History);
        State.History = await KpiData.UploadAsync(statistik, historyFile, historyRows, $"e2e-{Scenario.Run}-history", "BA Statistik: NRW 2012-12 … 2018-02 (generated)");
        output.WriteLine($"history {State.History.Id}: {historyRows:N0} rows stored in {State.History.Took.TotalSeconds:0.0} s");
        var february = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => Attainments.Quantitative(a).All(t => t.Month == "2018-02" && t.ComputedFrom.KpiDeliveries.Contains(State.History.Id)), "assessed for 2018-02");
        output.WriteLine($"assessed for 2018-02 {clock.Elapsed.TotalSeconds:0.0} s into the step: {Attainments.Describe(february)}");
        var historyLog = await Attainments.AssertWatcherSawEachOnceAsync(fixture, State.Watcher, [State.AgreementId], watchedFrom);
        var afterHistory = historyLog.Count > 0 ? historyLog[^1].Position : watchedFrom;
        foreach (var cause in historyLog.GroupBy(c => c.Change.Cause))
        {
            output.WriteLine($"{cause.Key}: {cause.Count()} status changes, each seen once: {string.Join("; ", cause.Select(c => Watcher.Describe(c.Change)))}");
        }

        // THE step: one month of all 53 jobcenters.
        var (marchFile, marchRows) = KpiData.Generate(State.Files, Scenario.MarchData);
        var deliveredAt = clock.Elapsed;
        State.March = await KpiData.UploadAsync(statistik, marchFile, marchRows, $"e2e-{Scenario.Run}-2018-03", "BA Statistik: NRW 2018-03 (generated)");
        output.WriteLine($"2018-03 {State.March.Id}: {marchRows:N0} rows of {State.March.Report.Jobcenters.Count} jobcenters stored in {State.March.Took.TotalSeconds:0.0} s");
        Assert.Equal(53, State.March.Report.Jobcenters.Count);
        var march = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => Attainments.Quantitative(a).All(t => t.Month == Scenario.March && t.ComputedFrom.KpiDeliveries.Contains(State.March.Id)), "assessed for 2018-03");
        output.WriteLine($"assessed for 2018-03 {(clock.Elapsed - deliveredAt).TotalSeconds:0.0} s after the delivery began: {Attainments.Describe(march)}");
        Assert.All(Attainments.Quantitative(march), t => Assert.Equal(["2018-01", "2018-02", "2018-03"], t.Months.Select(m => m.Month)));

        await AssertToldOnceAsync(february, march, State.March, afterHistory);
        State.Latest = march;
        output.WriteLine($"step 3: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    [Step(4)]
    public async Task Step4_the_dialogue_report_for_2018_03_names_Kreis_Borken_and_every_target_with_one_CSV_row_each()
    {
        Assert.True(State.March is not null && State.Latest is not null, "step 3 did not deliver 2018-03");
        var clock = Stopwatch.StartNew();
        var monitoring = await fixture.MonitoringAs("kt-05554");
        var report = await monitoring.RenderDialogueReportAsync(new RenderDialogueReportRequest { AgreementId = State.AgreementId, Month = Scenario.March });
        var html = System.Net.WebUtility.HtmlDecode(report.Html);
        var rows = Monitoring.Reporting.Tests.Csv.Table(report.Csv);
        output.WriteLine($"report {report.ReportId} rendered in {clock.Elapsed.TotalSeconds:0.0} s: {report.Html.Length:N0} characters of HTML, {rows.Count} CSV rows; "
            + $"agreement version {report.AgreementVersion}, edition {report.Edition}, deliveries {string.Join(", ", report.KpiDeliveries)}");

        Assert.Equal((State.AgreementId, Scenario.March, State.Latest!.AgreementVersion), (report.AgreementId, report.Month, report.AgreementVersion));
        Assert.Contains(State.March!.Id, report.KpiDeliveries);
        Assert.Contains(State.History!.Id, report.KpiDeliveries);
        Assert.Contains("Kreis Borken", html, StringComparison.Ordinal);
        var quantitative = Attainments.Quantitative(State.Latest).ToList();
        Assert.All(quantitative, t => Assert.Contains(t.Wording, html, StringComparison.Ordinal));

        // One row per target in the report month ("Berichtsmonat" ja), and one per month January … March for each.
        var atReportMonth = rows.Where(r => r["Berichtsmonat"] == "ja" && r["Ziel-ID"].Length > 0).ToList();
        output.WriteLine($"CSV rows at the report month: {string.Join(", ", atReportMonth.Select(r => r["Ziel-ID"]))}");
        Assert.Equal(atReportMonth.Count, atReportMonth.Select(r => r["Ziel-ID"]).Distinct().Count());
        Assert.All(atReportMonth, r => Assert.Equal(Scenario.March, r["Monat"]));
        foreach (var target in quantitative)
        {
            Assert.Single(atReportMonth, r => r["Ziel-ID"] == target.TargetId);
            Assert.Equal(["2018-01", "2018-02", "2018-03"], rows.Where(r => r["Ziel-ID"] == target.TargetId).Select(r => r["Monat"]));
        }

        output.WriteLine($"{atReportMonth.Count} CSV rows at the report month for {State.Latest.Targets.Count(t => t.Kind != TargetKind.Qualitative)} targets and observations");
        output.WriteLine($"step 4: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    [Step(5)]
    public async Task Step5_a_revision_of_Borkens_2018_03_flips_an_integration_target_and_the_watcher_sees_exactly_that_change()
    {
        Assert.True(State.March is not null && State.Latest is not null && State.Watcher is not null, "step 3 did not deliver 2018-03");
        var clock = Stopwatch.StartNew();
        var before = State.Latest!;
        var integrations = before.Targets.Single(t => t.TargetId == "II.1");
        var month = integrations.Months.Single(m => m.Month == Scenario.March);
        var delivered = long.Parse(KpiData.Value(Scenario.MarchData, Scenario.Borken, Scenario.March, "integrations"), CultureInfo.InvariantCulture);
        var priorYearToDate = decimal.Parse(month.PriorYearValue, CultureInfo.InvariantCulture);

        // On track (or at risk): no integration in March drags the year's forecast far below +2.1 %. Off track: twice the
        // prior year's January–March on top lifts it far above.
        var revised = integrations.Status is TargetStatus.OffTrack ? delivered + (long)(2 * priorYearToDate) : 0;
        output.WriteLine($"II.1 {integrations.Status} with March {delivered} integrations (year to date {month.Value}, prior year {month.PriorYearValue}); revised to {revised}");
        var lastPosition = await LastPositionAsync();
        var revision = await KpiData.ReviseAsync(await fixture.KpiAs("ba-statistik"), "BA Statistik: Kreis Borken 2018-03 revised",
            (Scenario.Borken, Scenario.March, "integrations", revised.ToString(CultureInfo.InvariantCulture)));
        var after = await Attainments.EventuallyAsync(() => fixture.MonitoringAs("kt-05554"), State.AgreementId,
            a => a.Targets.Single(t => t.TargetId == "II.1").ComputedFrom.KpiDeliveries.Contains(revision.Id), "recomputed for the revision");
        output.WriteLine($"revision {revision.Id} assessed in {clock.Elapsed.TotalSeconds:0.0} s: {Attainments.Describe(after)}");

        var flipped = Flipped(before, after);
        Assert.Contains(flipped, key => key is "II/II.1" or "II/II.2");
        var told = await AssertToldOnceAsync(before, after, revision, lastPosition);
        Assert.All(told, c => Assert.Contains(revision.Id, c.Change.ComputedFrom.KpiDeliveries));
        State.Latest = after;
        State.FlippedIntegrations = revised;
        output.WriteLine($"step 5: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The lines whose status differs between two attainments.</summary>
    private static List<string> Flipped(AgreementAttainment before, AgreementAttainment after)
    {
        var was = Attainments.Statuses(before);
        return [.. Attainments.Statuses(after).Where(s => was.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The watcher was told of exactly the lines whose status <paramref name="delivery"/> changed, once each, with that
    /// delivery as cause, from the old status to the new; and the change log has nothing twice. Returns those changes.
    /// </summary>
    private async Task<List<LoggedChange>> AssertToldOnceAsync(AgreementAttainment before, AgreementAttainment after, Delivered delivery, long afterPosition,
        Watcher? watcher = null, string? agreementId = null)
    {
        watcher ??= State.Watcher!;
        agreementId ??= State.AgreementId;
        var cause = $"kpi delivery {delivery.Id}";
        var flipped = Flipped(before, after);
        var log = await Attainments.AssertWatcherSawEachOnceAsync(fixture, watcher, [agreementId], afterPosition);
        var more = await watcher.MoreAfterAsync(watcher.Received.Count, Quiet);
        Assert.True(more.Count == 0, "more changes came: " + string.Join("; ", more.Select(Watcher.Describe)));
        Attainments.AssertNoDuplicates(await Attainments.LoggedAsync(fixture, [agreementId], 0));

        var caused = log.Where(c => c.Change.Cause == cause).ToList();
        output.WriteLine($"{delivery.Id} changed {caused.Count} statuses ({string.Join(", ", flipped)}), each told once: "
            + string.Join("; ", caused.Select(c => Watcher.Describe(c.Change))));
        Assert.Equal(log.Count, caused.Count);
        Assert.Equal(flipped, caused.Select(c => c.TargetKey).Order(StringComparer.Ordinal));
        var was = Attainments.Statuses(before);
        var now = Attainments.Statuses(after);
        Assert.All(caused, c => Assert.Equal((was[c.TargetKey], now[c.TargetKey]), (c.Change.PreviousStatus, c.Change.Status)));
        Assert.All(caused, c => Assert.Equal(Scenario.March, c.Change.Month));
        return caused;
    }

    /// <summary>The scenario agreement's attainment as Kreis Borken reads it now.</summary>
    private async Task<AgreementAttainment> CurrentAsync() =>
        await (await fixture.MonitoringAs("kt-05554")).GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = State.AgreementId });

    private async Task<long> LastPositionAsync() => await fixture.ScalarAsync<long>("SELECT coalesce(max(position), 0) FROM status_changes");

    private async Task<KpiDataIngested> IngestedAsync(Delivered delivery) =>
        await fixture.Events.WaitForAsync<KpiDataIngested>(e => e.DeliveryId == delivery.Id, Attainments.Generous);
}
