using System.Globalization;
using System.Text.Json;
using Zielsteuerung.Interop.Tests.Infrastructure;
using static Zielsteuerung.Interop.Tests.Infrastructure.Observed;

namespace Zielsteuerung.Interop.Tests;

/// <summary>
/// Debian's python grpcio and npm's @grpc/grpc-js call the KPI ingestion service as BA Statistik's and a jobcenter's
/// systems would, each with its own tokens (ba-statistik delivers, jc-05554 reads): the client-streaming upload
/// Deliver (a header, then chunks of rows) in partial and all-or-nothing mode with every kind of bad row, a delivery
/// sent again, its report paged and listed, the quantities read back, K2 and its Jahresfortschrittswerte computed
/// from them, a revision read as of a moment before it, the catalogue, and the refusals with their code, message and
/// google.rpc details as the peer decoded them. Each peer delivers for two jobcenters of its own (python: Olpe and
/// Siegen-Wittgenstein, node: Höxter and Paderborn), as both run at once. Each row names the peer; each test one check.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class KpiFromOtherStacksTests(PeerRuns runs)
{
    private const string Service = "zielsteuerung.kpi.v1.Kpi";

    /// <summary>Each peer's jobcenters: the first for K2, its steering values and the revision, the second for the deliveries.</summary>
    private static readonly Dictionary<string, (string First, string Second)> Jobcenters = new(StringComparer.Ordinal)
    {
        [Peer.Python.Name] = ("05966", "05970"),
        [Peer.Node.Name] = ("05762", "05774"),
    };

    private static readonly string[] Figures =
        ["K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4"];

    private static readonly string[] Quantities =
    [
        "elb_stock", "elb_intakes", "elb_exits", "integrations", "integrations_single_parents", "integrations_lzb", "single_parents_stock",
        "lzb_stock", "lzb_intakes", "lzb_exits", "lzb_in_measures", "living_cost_benefits", "housing_benefits", "entries_marginal_employment",
        "entries_funded_employment", "continued_employments",
    ];

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task The_peer_gets_its_own_tokens_for_the_KPI_scopes(string peer)
    {
        var tokens = (await runs.KpiCheckAsync(peer, "access_token")).GetProperty("tokens");

        Assert.Equal(["ba-statistik ba kpi.deliver kpi.read kpi-ingestion", "jc-05554 jc-05554 kpi.read kpi-ingestion"],
            new[] { "deliverer", "reader" }.Select(role => tokens.GetProperty(role)).Select(t =>
                $"{Text(t, "client_id")} {Text(t, "party")} {string.Join(' ', Text(t, "scope").Split(' ').Order(StringComparer.Ordinal))} {string.Join(',', Strings(t.GetProperty("aud")))}"));
        foreach (var token in tokens.EnumerateObject().Select(t => t.Value))
        {
            Assert.Equal(("Bearer", "at+jwt"), (Text(token, "token_type"), Text(token, "typ")));
        }
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_partial_delivery_in_chunks_stores_the_valid_rows_and_reports_each_invalid_one_with_its_row_and_reason(string peer)
    {
        var (_, second) = Jobcenters[peer];
        var result = await runs.KpiCheckAsync(peer, "deliver_partial");
        var report = result.GetProperty("report");

        Assert.Equal(3, result.GetProperty("chunks").GetInt32());
        Assert.Equal(("DELIVERY_STATE_PARTIALLY_STORED", "DELIVERY_MODE_PARTIAL", $"{KpiRunId(peer)}-partial", $"interop {KpiRunId(peer)}: partial", PeerRuns.Named(peer).KpiScript),
            (Text(report, "state"), Text(report, "mode"), Text(report, "idempotency_key"), Text(report, "description"), Text(report, "source_name")));
        Assert.Equal((9L, 3L, 6L), (Count(report, "rows_received"), Count(report, "rows_stored"), Count(report, "rows_rejected")));
        Assert.Equal(("ba-statistik (ba)", "", ""), (Text(report, "delivered_by"), Text(report, "duplicate_of"), Text(report, "next_errors_page_token")));
        Assert.Matches("^dlv-[0-9]{6,}$", Text(report, "delivery_id"));
        Assert.Equal(long.Parse(Text(report, "delivery_id")[4..], CultureInfo.InvariantCulture), Count(report, "sequence"));
        Assert.Matches("^[0-9a-f]{64}$", Text(report, "content_hash"));
        Assert.Equal([second], Strings(report.GetProperty("jobcenters")));
        Assert.Equal(("2017-01", "2017-02"), (Text(report, "first_month"), Text(report, "last_month")));
        Assert.Equal(["elb_intakes", "K3E2"], Strings(report.GetProperty("codes")));
        // The rows carry no row number: the service numbers them by their position in the delivery, across the chunks.
        Assert.Equal(
        [
            (2L, "UNKNOWN_JOBCENTER", "jobcenter", "the party registry knows no jobcenter with key 05999 in 2017-01."),
            (3L, "FUTURE_MONTH", "month", "month 2099-01 has not ended yet (the latest month with data is …)."),
            (4L, "NEGATIVE_VALUE", "value", $"integrations 2017-01 for {second}: a count or sum cannot be negative (-4)."),
            (5L, "UNKNOWN_CODE", "code", "code 'elb_stok' is neither a base quantity, a figure of the catalogue nor a declared local indicator (GetCatalogue lists them)."),
            (6L, "INCONSISTENT_FIGURE", "value", $"K3E2 2017-01 for {second}: 400 / 3000 gives 13.3, not 12.5."),
            (7L, "DUPLICATE_ROW", "", $"elb_intakes 2017-01 total final for {second} came earlier in this delivery."),
        ], Errors(report).Select(e => e.RowNumber == 3 ? e with { Message = LatestMonth().Replace(e.Message, "…") } : e));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task An_all_or_nothing_delivery_with_one_bad_row_is_REJECTED_and_stores_none_of_its_rows(string peer)
    {
        var (_, second) = Jobcenters[peer];
        var result = await runs.KpiCheckAsync(peer, "deliver_all_or_nothing");
        var report = result.GetProperty("report");

        Assert.Equal(("DELIVERY_STATE_REJECTED", "DELIVERY_MODE_ALL_OR_NOTHING", $"{KpiRunId(peer)}-all-or-nothing"),
            (Text(report, "state"), Text(report, "mode"), Text(report, "idempotency_key")));
        Assert.Equal((4L, 0L, 1L), (Count(report, "rows_received"), Count(report, "rows_stored"), Count(report, "rows_rejected")));
        Assert.Equal([(4L, "NEGATIVE_VALUE", "value", $"lzb_stock 2018-04 for {second}: a count or sum cannot be negative (-1).")], Errors(report));
        Assert.Empty(Items(report, "jobcenters"));
        Assert.Empty(Items(report, "codes"));
        // Its valid rows (2018-01 … 2018-03) are not there.
        var value = result.GetProperty("value");
        Assert.Equal(("2018-02", "", $"lzb_stock 2018-02 missing for {second}"), (Text(value, "month"), Text(value, "value"), Text(value, "missing")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_delivery_sent_again_by_key_or_by_content_is_answered_with_the_first_ones_report_and_stores_nothing_twice(string peer)
    {
        var result = await runs.KpiCheckAsync(peer, "deliver_again");
        var first = result.GetProperty("first");
        var id = Text(first, "delivery_id");

        // The first row's value is made of the run id: the delivery is new in every run, so the first one is stored.
        string[] sent = [PeerRuns.KpiRunValue(PeerRuns.Named(peer)), "250", "250"];
        Assert.Equal(sent, Strings(result.GetProperty("sent")));
        Assert.Equal(("DELIVERY_STATE_STORED", "", 3L, 3L), (Text(first, "state"), Text(first, "duplicate_of"), Count(first, "rows_received"), Count(first, "rows_stored")));
        foreach (var again in new[] { result.GetProperty("by_key"), result.GetProperty("by_content") })
        {
            // The first one's report: its id, key and description, not those of the one sent again.
            Assert.Equal((id, id, $"{KpiRunId(peer)}-again", $"interop {KpiRunId(peer)}", "DELIVERY_STATE_STORED", 3L),
                (Text(again, "delivery_id"), Text(again, "duplicate_of"), Text(again, "idempotency_key"), Text(again, "description"), Text(again, "state"), Count(again, "rows_stored")));
            Assert.Equal(Text(first, "delivered_at"), Text(again, "delivered_at"));
        }

        var series = result.GetProperty("series");
        Assert.Equal(["2018-05 " + sent[0], "2018-06 250", "2018-07 250"], Items(series, "points").Select(p => $"{Text(p, "month")} {Text(p, "value")}"));
        Assert.Equal([id], Strings(series.GetProperty("deliveries")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetDelivery_pages_through_the_row_errors_of_a_report(string peer)
    {
        var delivered = (await runs.KpiCheckAsync(peer, "deliver_partial")).GetProperty("report");
        var result = await runs.KpiCheckAsync(peer, "get_delivery");

        var report = result.GetProperty("report");
        Assert.Equal(Text(delivered, "delivery_id"), Text(result, "delivery_id"));
        Assert.Equal((Text(delivered, "delivery_id"), "DELIVERY_STATE_PARTIALLY_STORED", 9L, 3L, 6L, Text(delivered, "delivered_at"), Text(delivered, "content_hash")),
            (Text(report, "delivery_id"), Text(report, "state"), Count(report, "rows_received"), Count(report, "rows_stored"), Count(report, "rows_rejected"),
                Text(report, "delivered_at"), Text(report, "content_hash")));
        var pages = result.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(["2,3 → 2", "4,5 → 4", "6,7 → "],
            pages.Select(p => $"{string.Join(',', Errors(p).Select(e => e.RowNumber))} → {Text(p, "next_errors_page_token")}"));
        Assert.Equal(Errors(delivered), pages.SelectMany(Errors));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListDeliveries_lists_the_reports_newest_first_without_their_errors(string peer)
    {
        var delivered = (await runs.KpiCheckAsync(peer, "deliver_partial")).GetProperty("report");
        var result = await runs.KpiCheckAsync(peer, "list_deliveries");

        var listed = result.GetProperty("listed");
        Assert.Equal(JsonValueKind.Object, listed.ValueKind);
        Assert.Equal((Text(delivered, "delivery_id"), "DELIVERY_STATE_PARTIALLY_STORED", 6L, $"{KpiRunId(peer)}-partial"),
            (Text(listed, "delivery_id"), Text(listed, "state"), Count(listed, "rows_rejected"), Text(listed, "idempotency_key")));
        Assert.Empty(Items(listed, "errors"));
        // Page by page (5 a page), newest first; the other peer delivers at the same time.
        var sequences = Strings(result.GetProperty("sequences")).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.Equal(sequences.Distinct(), sequences);
        Assert.Contains(Count(delivered, "sequence"), sequences);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task The_delivered_quantities_are_read_back_and_K2_is_computed_from_them_exactly(string peer)
    {
        var (first, _) = Jobcenters[peer];
        var result = await runs.KpiCheckAsync(peer, "series_and_value");

        // 100 integrations a month in 2017 and 2018, 5000 ELB every month from 2016-12, sent in two chunks.
        var report = result.GetProperty("report");
        Assert.Equal(("DELIVERY_STATE_STORED", 49L, 49L), (Text(report, "state"), Count(report, "rows_received"), Count(report, "rows_stored")));
        Assert.Equal([first], Strings(report.GetProperty("jobcenters")));
        Assert.Equal(("2016-12", "2018-12"), (Text(report, "first_month"), Text(report, "last_month")));
        Assert.Equal(["elb_stock", "integrations"], Strings(report.GetProperty("codes")));
        var series = result.GetProperty("series");
        Assert.Equal(("integrations", "DATA_BASIS_FINAL", $"jc-{first}"),
            (Text(series, "code"), Text(series, "basis"), Text(series.GetProperty("subject"), "jobcenter_id")));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2018-{m:D2} 100"), Items(series, "points").Select(p => $"{Text(p, "month")} {Text(p, "value")}"));
        Assert.Equal([Text(report, "delivery_id")], Strings(series.GetProperty("deliveries")));
        // K2 2018-12 = Σ integrations 2018-01..12 / mean ELB 2017-12..2018-11 × 100 = 1200 / 5000 × 100.
        var k2 = result.GetProperty("k2");
        Assert.Equal(("2018-12", "24", "1200", "5000", ""), (Text(k2, "month"), Text(k2, "value"), Text(k2, "numerator"), Text(k2, "denominator"), Text(k2, "missing")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetSteeringValues_gives_the_Jahresfortschrittswerte_of_K2_month_by_month_with_the_prior_year(string peer)
    {
        var delivered = (await runs.KpiCheckAsync(peer, "series_and_value")).GetProperty("report");
        var result = await runs.KpiCheckAsync(peer, "steering_values");

        var steering = result.GetProperty("steering");
        Assert.Equal(("K2", "STEERING_MEASURE_JFW", 2018), (Text(steering, "code"), Text(steering, "measure"), steering.GetProperty("year").GetInt32()));
        var months = Items(steering, "months").ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2018-{m:D2}"), months.Select(m => Text(m, "month")));
        // m: 100 × m integrations since January / mean ELB December..m−1 (5000): 2 %, 4 %, 6 % …; the same in 2017: change 0.
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"{2 * m} {2 * m} 0"),
            months.Select(m => $"{Text(m, "value")} {Text(m, "prior_year_value")} {Text(m, "change_percent")}"));
        Assert.Equal(("300", "5000"), (Text(months[2], "numerator"), Text(months[2], "denominator")));
        // December's JFW is the calendar year's value: K2 of December.
        var k2 = result.GetProperty("k2");
        Assert.Equal((Text(k2, "value"), Text(k2, "numerator"), Text(k2, "denominator")), (Text(months[11], "value"), Text(months[11], "numerator"), Text(months[11], "denominator")));
        Assert.Equal("24", Text(months[11], "value"));
        Assert.Equal([Text(delivered, "delivery_id")], Strings(steering.GetProperty("deliveries")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_revision_supersedes_a_value_and_a_read_as_of_before_it_still_sees_the_first_one(string peer)
    {
        var result = await runs.KpiCheckAsync(peer, "revision_as_of");
        var first = result.GetProperty("first");
        var revision = result.GetProperty("revision");

        Assert.Equal(("DELIVERY_STATE_STORED", "DELIVERY_STATE_STORED"), (Text(first, "state"), Text(revision, "state")));
        var asOf = Text(result, "as_of");
        // The peer's own arithmetic on the report's RFC 3339 timestamp: one millisecond after the first delivery.
        Assert.Equal(Moment(Text(first, "delivered_at")).AddMilliseconds(1), Moment(asOf));
        Assert.True(Moment(Text(revision, "delivered_at")) > Moment(asOf), $"revision {Text(revision, "delivered_at")}, as of {asOf}");
        Assert.Equal(("2018-06", "3100"), (Text(result.GetProperty("before"), "month"), Text(result.GetProperty("before"), "value")));
        Assert.Equal("3150", Text(result.GetProperty("now"), "value"));
        var before = result.GetProperty("before_series");
        Assert.Equal((asOf, "3100"), (Text(before, "as_of"), Text(Items(before, "points").Single(), "value")));
        Assert.Equal([Text(first, "delivery_id")], Strings(before.GetProperty("deliveries")));
        var now = result.GetProperty("now_series");
        Assert.Equal([Text(revision, "delivery_id")], Strings(now.GetProperty("deliveries")));
        Assert.Equal("3150", Text(Items(now, "points").Single(), "value"));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetCatalogue_lists_the_15_figures_and_16_quantities_and_names_the_unverified_averaging_rule(string peer)
    {
        var result = await runs.KpiCheckAsync(peer, "catalogue");

        Assert.Equal(Figures, Strings(result.GetProperty("figures")));
        Assert.Equal(Quantities, Strings(result.GetProperty("quantities")));
        var k1e3 = result.GetProperty("k1e3");
        Assert.Equal(("POLARITY_LOWER_IS_BETTER", "%"), (Text(k1e3, "polarity"), Text(k1e3, "unit")));
        Assert.StartsWith("Durchschnittliche Zugangsrate", Text(k1e3, "name_de"), StringComparison.Ordinal);
        Assert.StartsWith("stock_weighted_mean: ", Text(k1e3, "averaging_rule"), StringComparison.Ordinal);
        Assert.Equal(["elb_intakes", "elb_stock"], Strings(k1e3.GetProperty("quantities")));
        // false is proto3's default: the JSON mapping leaves it out.
        Assert.False(k1e3.TryGetProperty("verified", out var verified) && verified.GetBoolean());
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Delivering_with_a_token_without_kpi_deliver_is_PERMISSION_DENIED_with_an_ErrorInfo_MISSING_SCOPE(string peer)
    {
        var (_, second) = Jobcenters[peer];
        var result = await runs.KpiCheckAsync(peer, "auth_missing_scope");
        var (message, metadata) = Refusal(result, 7, "MISSING_SCOPE");

        Assert.Equal(("kpi.deliver", "jc-05554", $"/{Service}/Deliver"), (Text(metadata, "required_scope"), Text(metadata, "client_id"), Text(metadata, "method")));
        Assert.StartsWith($"/{Service}/Deliver needs the scope 'kpi.deliver'", message, StringComparison.Ordinal);
        // The same token reads (it is refused for its scope, not as a token), and the refused row was not stored.
        Assert.Equal(15, result.GetProperty("read_figures").GetInt32());
        Assert.Equal(("", $"elb_stock 2017-03 missing for {second}"), (Text(result.GetProperty("value_after"), "value"), Text(result.GetProperty("value_after"), "missing")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Delivering_without_a_token_is_UNAUTHENTICATED_with_an_ErrorInfo_TOKEN_MISSING(string peer)
    {
        var (message, metadata) = Refusal(await runs.KpiCheckAsync(peer, "auth_token_missing"), 16, "TOKEN_MISSING");

        Assert.Equal($"/{Service}/Deliver", Text(metadata, "method"));
        Assert.Contains("'authorization: Bearer <token>'", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_delivery_stream_that_begins_with_a_chunk_is_INVALID_ARGUMENT_with_a_BadRequest_naming_the_header(string peer)
    {
        var (message, detail) = Failure(await runs.KpiCheckAsync(peer, "error_header_missing"), 3, "google.rpc.BadRequest");

        var violation = Assert.Single(Items(detail, "field_violations"));
        Assert.Equal(("header", "the first message of a delivery must be its header (DeliveryHeader), the rows follow in chunks."),
            (Text(violation, "field"), Text(violation, "description")));
        Assert.Equal("header: " + Text(violation, "description"), message);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task An_unknown_delivery_is_NOT_FOUND_with_a_ResourceInfo(string peer)
    {
        var (message, detail) = Failure(await runs.KpiCheckAsync(peer, "error_not_found"), 5, "google.rpc.ResourceInfo");

        Assert.Equal(("zielsteuerung.kpi.v1.DeliveryReport", "dlv-999999999"), (Text(detail, "resource_type"), Text(detail, "resource_name")));
        Assert.Equal("there is no delivery dlv-999999999.", message);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_series_from_month_13_is_INVALID_ARGUMENT_with_a_BadRequest_naming_from_month(string peer)
    {
        var (message, detail) = Failure(await runs.KpiCheckAsync(peer, "error_invalid_month"), 3, "google.rpc.BadRequest");

        var violation = Assert.Single(Items(detail, "field_violations"));
        Assert.Equal(("from_month", "'2018-13' is not a month yyyy-MM (from 2005-01)."), (Text(violation, "field"), Text(violation, "description")));
        Assert.Equal("from_month: '2018-13' is not a month yyyy-MM (from 2005-01).", message);
    }

    private static string KpiRunId(string peer) => PeerRuns.KpiRunId(PeerRuns.Named(peer));

    /// <summary>An int64 of the JSON mapping (a string; absent when 0).</summary>
    private static long Count(JsonElement element, string property) =>
        Text(element, property) is { Length: > 0 } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;

    private static List<(long RowNumber, string Reason, string Field, string Message)> Errors(JsonElement report) =>
        [.. Items(report, "errors").Select(e => (Count(e, "row_number"), Text(e, "reason"), Text(e, "field"), Text(e, "message")))];

    private static DateTimeOffset Moment(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // The month the service names as the latest with data depends on the day the tests run.
    private static System.Text.RegularExpressions.Regex LatestMonth() => new("(?<=is )[0-9]{4}-[0-9]{2}(?=\\)\\.$)");
}
