using System.Globalization;
using System.Text.Json;
using Zielsteuerung.Interop.Tests.Infrastructure;
using static Zielsteuerung.Interop.Tests.Infrastructure.Observed;

namespace Zielsteuerung.Interop.Tests;

/// <summary>
/// Debian's python grpcio and npm's @grpc/grpc-js call the monitoring service as a jobcenter's systems would, after
/// putting an agreement of their own in force through the other services, as the parties' systems would (python: Kreis
/// Borken, a zkT, § 48b Nr. 4; node: Kreis Unna, a gE, state law; tests/interop/data/monitoring-draft.json): BA
/// Statistik's client delivers 5,000 ELB and 100 integrations a month from 2016-12 to 2018-03, MAGS NRW drafts and the
/// Kreis and MAGS NRW sign. Then the cached overview (GetAgreementAttainment) with the values computed by hand, ListTargets
/// filtered by status page by page, the server stream WatchStatusChanges while a revision of March is delivered, and the
/// refusals with their code, message and google.rpc details as the peer decoded them. Each row names the peer; each test
/// one check.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class MonitoringFromOtherStacksTests(PeerRuns runs)
{
    private const string Service = "zielsteuerung.monitoring.v1.Monitoring";

    /// <summary>Each peer's jobcenter and its municipal carrier.</summary>
    private static readonly Dictionary<string, (string Jobcenter, string Carrier)> Parties = new(StringComparer.Ordinal)
    {
        [Peer.Python.Name] = ("jc-05554", "kt-05554"),
        [Peer.Node.Name] = ("jc-05978", "kt-05978"),
    };

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task The_peer_puts_its_agreement_in_force_on_the_later_signature_after_delivering_its_figures(string peer)
    {
        var result = await runs.MonitoringCheckAsync(peer, "in_force");

        var history = result.GetProperty("history");
        Assert.Equal(("DELIVERY_STATE_STORED", 32L), (Text(history, "state"), Count(history, "rows_stored")));
        var agreement = result.GetProperty("agreement");
        Assert.Equal((Id(peer), "AGREEMENT_STATUS_IN_FORCE", "2018-02-22"),
            (Text(agreement, "id"), Text(agreement.GetProperty("edition"), "status"), Text(agreement.GetProperty("edition"), "in_force_on")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetAgreementAttainment_gives_every_target_with_its_months_as_computed_by_hand(string peer)
    {
        var (jobcenter, carrier) = Parties[peer];
        var history = Text((await runs.MonitoringCheckAsync(peer, "in_force")).GetProperty("history"), "delivery_id");
        var overview = (await runs.MonitoringCheckAsync(peer, "attainment")).GetProperty("attainment");

        Assert.Equal((Id(peer), 2018, "DE-NW", "in_force", 1), (Text(overview, "agreement_id"), overview.GetProperty("year").GetInt32(),
            Text(overview, "state"), Text(overview, "agreement_status"), overview.GetProperty("edition").GetInt32()));
        Assert.Equal(new[] { carrier, jobcenter, "mags-nrw" }.Order(StringComparer.Ordinal), Strings(overview.GetProperty("party_ids")).Order(StringComparer.Ordinal));
        var targets = Items(overview, "targets").ToDictionary(t => Text(t, "target_id"), StringComparer.Ordinal);
        Assert.Equal(["2.1", "2.2", "q1"], targets.Keys.Order(StringComparer.Ordinal));

        // K2 (JFW) in March: 300 / 5,000 = 6 % as a year before (0.0 %, met at its edge); the prior year's pattern
        // (December = 4 × March) forecasts 24 %: on track.
        var k2 = targets["2.1"];
        Assert.Equal(("II", "TARGET_KIND_QUANTITATIVE", "K2", jobcenter, "TARGET_STATUS_ON_TRACK", "2018-03", "K2 = 0,0 %"),
            (Text(k2, "goal_id"), Text(k2, "kind"), Text(k2, "indicator"), Text(k2, "jobcenter_id"), Text(k2, "status"), Text(k2, "month"), Text(k2, "label")));
        var months = Items(k2, "months").ToList();
        Assert.Equal(["2018-01 2 2", "2018-02 4 4", "2018-03 6 6"], months.Select(m => $"{Text(m, "month")} {Text(m, "value")} {Text(m, "prior_year_value")}"));
        var march = months[^1];
        Assert.Equal(("0", "0", "TARGET_STATUS_ON_TRACK"), (Text(march, "change_percent"), Text(march, "gap"), Text(march, "status")));
        var forecast = march.GetProperty("forecast");
        Assert.Equal(("24", "0", 1), (Text(forecast, "value"), Text(forecast, "change_percent"), forecast.GetProperty("years_in_pattern").GetInt32()));
        var provenance = k2.GetProperty("computed_from");
        Assert.Equal((Id(peer), 1), (Text(provenance, "agreement_id"), provenance.GetProperty("edition").GetInt32()));
        Assert.Contains(history, Strings(provenance.GetProperty("kpi_deliveries")));

        // The annual sum of integrations: 300 as a year before, +0.0 % against +2.1 %: off track.
        var integrations = targets["2.2"];
        Assert.Equal(("integrations", "TARGET_STATUS_OFF_TRACK"), (Text(integrations, "indicator"), Text(integrations, "status")));
        var last = Items(integrations, "months").Last();
        Assert.Equal(("2018-03", "300", "0", "-2.1"), (Text(last, "month"), Text(last, "value"), Text(last, "change_percent"), Text(last, "gap")));

        Assert.Equal(("TARGET_KIND_QUALITATIVE", "TARGET_STATUS_NOT_ASSESSABLE"), (Text(targets["q1"], "kind"), Text(targets["q1"], "status")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListTargets_filters_by_status_and_pages_without_months(string peer)
    {
        var result = await runs.MonitoringCheckAsync(peer, "list_targets");

        // statuses ON_TRACK and OFF_TRACK, one a page: K2, then integrations, and the last page says it is the last.
        var pages = result.GetProperty("pages").EnumerateArray().Select(p => p.EnumerateArray().ToList()).ToList();
        Assert.Equal(["II/2.1 TARGET_STATUS_ON_TRACK", "II/2.2 TARGET_STATUS_OFF_TRACK"],
            pages.Select(p => Assert.Single(p)).Select(t => $"{Text(t, "goal_id")}/{Text(t, "target_id")} {Text(t, "status")}"));
        Assert.Equal("", Text(result, "last_token"));
        var qualitative = Assert.Single(Items(result, "not_assessable"));
        Assert.Equal(("q1", "TARGET_STATUS_NOT_ASSESSABLE"), (Text(qualitative, "target_id"), Text(qualitative, "status")));
        Assert.All(pages.SelectMany(p => p).Append(qualitative), t =>
        {
            Assert.Equal(Id(peer), Text(t, "agreement_id"));
            Assert.Empty(Items(t, "months"));
        });
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task WatchStatusChanges_says_where_it_starts_then_streams_the_change_a_revision_causes(string peer)
    {
        var (jobcenter, _) = Parties[peer];
        var result = await runs.MonitoringCheckAsync(peer, "watch");

        var first = result.GetProperty("first");
        Assert.True(first.TryGetProperty("subscribed", out var subscribed), $"the first message is {first}");
        Assert.False(first.TryGetProperty("change", out _));
        var revision = result.GetProperty("revision");
        Assert.Equal(("DELIVERY_STATE_STORED", 1L), (Text(revision, "state"), Count(revision, "rows_stored")));

        // 70 integrations in March instead of 100: K2 270 / 5,000 = 5.4 %, −10 % against the prior year: off track. The
        // integrations line stays off track: one change.
        var message = Assert.Single(Items(result, "messages"));
        var change = message.GetProperty("change");
        Assert.Equal((Id(peer), "II", "2.1", jobcenter, "TARGET_STATUS_ON_TRACK", "TARGET_STATUS_OFF_TRACK", "2018-03"),
            (Text(change, "agreement_id"), Text(change, "goal_id"), Text(change, "target_id"), Text(change, "jobcenter_id"),
                Text(change, "previous_status"), Text(change, "status"), Text(change, "month")));
        Assert.Equal(("5.4", "-10", $"kpi delivery {Text(revision, "delivery_id")}"), (Text(change, "value"), Text(change, "change_percent"), Text(change, "cause")));
        Assert.True(Count(change, "position") > Count(subscribed, "position"), $"change {Text(change, "position")} after {subscribed}");
        Assert.Contains(Text(revision, "delivery_id"), Strings(change.GetProperty("computed_from").GetProperty("kpi_deliveries")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task An_unknown_agreement_is_NOT_FOUND_with_a_ResourceInfo(string peer)
    {
        var missing = $"{PeerRuns.MonitoringRunId(PeerRuns.Named(peer))}-missing";
        var (message, detail) = Failure(await runs.MonitoringCheckAsync(peer, "error_not_found"), 5, "google.rpc.ResourceInfo");

        Assert.Equal(("zielsteuerung.monitoring.v1.AgreementAttainment", missing), (Text(detail, "resource_type"), Text(detail, "resource_name")));
        Assert.StartsWith($"agreement '{missing}' is not monitored", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_bad_page_token_is_INVALID_ARGUMENT_with_a_BadRequest_naming_page_token(string peer)
    {
        var (message, detail) = Failure(await runs.MonitoringCheckAsync(peer, "error_invalid_page_token"), 3, "google.rpc.BadRequest");

        var violation = Assert.Single(Items(detail, "field_violations"));
        Assert.Equal(("page_token", "pass next_page_token unchanged, or leave it empty."), (Text(violation, "field"), Text(violation, "description")));
        Assert.Equal("page_token is not a page token of this listing.", message);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED_with_an_ErrorInfo_TOKEN_MISSING(string peer)
    {
        var (message, metadata) = Refusal(await runs.MonitoringCheckAsync(peer, "auth_token_missing"), 16, "TOKEN_MISSING");

        Assert.Equal($"/{Service}/ListTargets", Text(metadata, "method"));
        Assert.Contains("'authorization: Bearer <token>'", message, StringComparison.Ordinal);
    }

    private static string Id(string peer) => $"{PeerRuns.MonitoringRunId(PeerRuns.Named(peer))}-monitored";

    /// <summary>An int64 of the JSON mapping (a string; absent when 0).</summary>
    private static long Count(JsonElement element, string property) =>
        Text(element, property) is { Length: > 0 } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
}
