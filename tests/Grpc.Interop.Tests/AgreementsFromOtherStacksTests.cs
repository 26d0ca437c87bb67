using System.Text.Json;
using Zielsteuerung.Interop.Tests.Infrastructure;
using static Zielsteuerung.Interop.Tests.Infrastructure.Observed;

namespace Zielsteuerung.Interop.Tests;

/// <summary>
/// Debian's python grpcio and npm's @grpc/grpc-js call the agreements service as a ministry's and a Kreis's systems
/// would, each with its own tokens (mags-nrw drafts and signs, kt-05554 signs, kt-05978 is no party): a § 48b Nr. 4
/// agreement of MAGS NRW with Kreis Borken (tests/interop/data/borken-draft.json) drafted, read, signed into force,
/// listed by year page by page, rendered as Markdown and its revisions listed; the refusals with their code, message
/// and google.rpc details as the peer decoded them. Each row names the peer; each test one check.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class AgreementsFromOtherStacksTests(PeerRuns runs)
{
    private const string Service = "zielsteuerung.agreements.v1.Agreements";
    private const string ErrorDomain = "agreements.zielsteuerung";

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task CreateDraft_takes_the_drafting_party_from_the_token_and_the_parties_from_the_registry(string peer)
    {
        var agreement = (await runs.AgreementsCheckAsync(peer, "create_draft")).GetProperty("agreement");

        Assert.Equal((Id(peer, "borken"), 2018, "LEGAL_BASIS_SGB2_48B_NR4", "DE-NW", "mags-nrw", "1"),
            (Text(agreement, "id"), agreement.GetProperty("year").GetInt32(), Text(agreement, "legal_basis"), Text(agreement, "state"),
                Text(agreement, "drafting_party_id"), Text(agreement, "version")));
        var edition = agreement.GetProperty("edition");
        Assert.Equal((1, "AGREEMENT_STATUS_DRAFT"), (edition.GetProperty("number").GetInt32(), Text(edition, "status")));
        Assert.Equal(["kt-05554", "mags-nrw"], Strings(edition.GetProperty("awaiting_signature")).Order(StringComparer.Ordinal));
        Assert.Equal("2018-01-15", Text(agreement, "parties_as_of"));
        var parties = Items(agreement, "parties").ToDictionary(p => Text(p, "party_id"));
        Assert.StartsWith("Ministerium für Arbeit, Gesundheit und Soziales", Text(parties["mags-nrw"], "name"), StringComparison.Ordinal);
        Assert.Equal(("Kreis Borken", "zkT", "PARTY_ROLE_SIGNATORY"),
            (Text(parties["kt-05554"], "name"), Text(parties["kt-05554"], "jobcenter_form"), Text(parties["kt-05554"], "role")));
        Assert.Equal(("Jobcenter Kreis Borken", "PARTY_ROLE_CONCERNED"), (Text(parties["jc-05554"], "name"), Text(parties["jc-05554"], "role")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetAgreement_lets_the_other_party_read_the_typed_goals_as_drafted(string peer)
    {
        var agreement = (await runs.AgreementsCheckAsync(peer, "get_agreement")).GetProperty("agreement");

        Assert.Equal((Id(peer, "borken"), "1"), (Text(agreement, "id"), Text(agreement, "version")));
        var content = agreement.GetProperty("edition").GetProperty("content");
        Assert.Equal("Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018", Text(content, "title"));
        var goal = Assert.Single(Items(content, "goals"));
        Assert.Equal(("II", "GOAL_KIND_INTEGRATION", "II. Verbesserung der Integration in Erwerbstätigkeit"),
            (Text(goal, "id"), Text(goal, "kind"), Text(goal, "heading")));
        var target = Assert.Single(Items(goal, "targets"));
        Assert.Equal(("K2", "0.0", "DIRECTION_AT_LEAST", "jc-05554"),
            (Text(target.GetProperty("indicator").GetProperty("key_figure"), "id"), Text(target, "value"), Text(target, "direction"),
                Text(target.GetProperty("scope"), "jobcenter_id")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Sign_by_both_parties_puts_it_in_force_on_the_later_date(string peer)
    {
        var result = await runs.AgreementsCheckAsync(peer, "sign");

        var first = result.GetProperty("first");
        Assert.Equal(("2", "AGREEMENT_STATUS_SIGNING"), (Text(first, "version"), Text(first.GetProperty("edition"), "status")));
        Assert.Equal(["mags-nrw"], Strings(first.GetProperty("edition").GetProperty("awaiting_signature")));
        var last = result.GetProperty("last");
        var edition = last.GetProperty("edition");
        // The ministry's signature was entered last but dated 2018-02-19: in force when both had signed, on the Kreis's date.
        Assert.Equal(("3", "AGREEMENT_STATUS_IN_FORCE", "2018-02-22"), (Text(last, "version"), Text(edition, "status"), Text(edition, "in_force_on")));
        Assert.Empty(Items(edition, "awaiting_signature"));
        Assert.Equal(["kt-05554 2018-02-22 Borken Dr. Kai Zwicker kt-05554 (kt-05554)", "mags-nrw 2018-02-19 Düsseldorf Dr. Edmund Heller mags-nrw (mags-nrw)"],
            Items(edition, "signatures").Select(s =>
                $"{Text(s, "party_id")} {Text(s, "signed_on")} {Text(s, "place")} {Text(s, "signatory")} {Text(s, "recorded_by")}"));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListAgreements_lists_a_year_page_by_page(string peer)
    {
        var result = await runs.AgreementsCheckAsync(peer, "list_agreements");

        string[] created = [Id(peer, "list-1"), Id(peer, "list-2"), Id(peer, "list-3")];
        Assert.Equal(created, Strings(result.GetProperty("created")));
        Assert.Equal(Id(peer, "list-2017"), Text(result, "other_year"));
        var pages = result.GetProperty("pages").EnumerateArray().Select(p => p.EnumerateArray().ToList()).ToList();
        Assert.Equal("", Text(result, "last_token")); // the last page said so; the peer did not stop at its limit
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Count));
        Assert.InRange(pages[^1].Count, 1, 2);
        var listed = pages.SelectMany(p => p).ToList();
        Assert.All(listed, s => Assert.Equal(2018, s.GetProperty("year").GetInt32()));
        var ids = listed.Select(s => Text(s, "id")).ToList();
        Assert.Equal(ids.Distinct(), ids);
        // The other peer drafts at the same time: the run's own agreements are listed in their order, among others.
        Assert.Equal(created, ids.Where(created.Contains));
        Assert.DoesNotContain(Id(peer, "list-2017"), ids);
        var borken = Assert.Single(listed, s => Text(s, "id") == Id(peer, "borken"));
        Assert.Equal(("AGREEMENT_STATUS_IN_FORCE", 1, "3"), (Text(borken, "status"), borken.GetProperty("edition").GetInt32(), Text(borken, "version")));
        Assert.Equal(["jc-05554", "kt-05554", "mags-nrw"], Strings(borken.GetProperty("party_ids")).Order(StringComparer.Ordinal));
        var of2017 = Strings(result.GetProperty("ids_2017"));
        Assert.Contains(Id(peer, "list-2017"), of2017);
        Assert.DoesNotContain(of2017, created.Contains);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task RenderAgreement_renders_the_edition_as_Markdown(string peer)
    {
        var result = await runs.AgreementsCheckAsync(peer, "render_agreement");

        Assert.Equal(("text/markdown; charset=utf-8", 1), (Text(result, "media_type"), result.GetProperty("edition").GetInt32()));
        var text = Text(result, "text");
        Assert.StartsWith("# Vereinbarung", text, StringComparison.Ordinal);
        foreach (var expected in new[] { "Kreis Borken", "Dr. Kai Zwicker", "Verbesserung der Integration in Erwerbstätigkeit", "In Kraft" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListRevisions_records_each_write_with_the_client_and_party_of_its_token(string peer)
    {
        var revisions = Items(await runs.AgreementsCheckAsync(peer, "list_revisions"), "revisions").ToList();

        Assert.Equal(["1 create_draft mags-nrw/mags-nrw", "2 sign kt-05554/kt-05554", "3 sign mags-nrw/mags-nrw"],
            revisions.Select(r => $"{Text(r, "version")} {Text(r, "action")} {Text(r, "client_id")}/{Text(r, "party_id")}"));
        Assert.All(revisions, r => Assert.Equal(1, r.GetProperty("edition").GetInt32()));
        Assert.Contains("in_force_on", Strings(revisions[^1].GetProperty("changed")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED_with_an_ErrorInfo_TOKEN_MISSING(string peer)
    {
        var (message, metadata) = Refusal(await runs.AgreementsCheckAsync(peer, "auth_token_missing"), 16, "TOKEN_MISSING");

        Assert.Equal($"/{Service}/GetAgreement", Text(metadata, "method"));
        Assert.Contains("'authorization: Bearer <token>'", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Another_Kreis_signing_the_Borken_agreement_is_PERMISSION_DENIED_with_an_ErrorInfo_WRONG_PARTY(string peer)
    {
        var (message, metadata) = Refusal(await runs.AgreementsCheckAsync(peer, "error_permission_denied"), 7, "WRONG_PARTY");

        Assert.Equal(($"/{Service}/Sign", "kt-05978"), (Text(metadata, "method"), Text(metadata, "caller_party")));
        Assert.Equal(["jc-05554", "kt-05554", "mags-nrw"], Text(metadata, "required_parties").Split(',').Order(StringComparer.Ordinal));
        Assert.Contains(Id(peer, "denied"), message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Signing_twice_is_FAILED_PRECONDITION_with_a_PreconditionFailure_lifecycle_sign_twice(string peer)
    {
        var (message, detail) = Failure(await runs.AgreementsCheckAsync(peer, "error_failed_precondition"), 9, "google.rpc.PreconditionFailure");

        var violation = Assert.Single(Items(detail, "violations"));
        Assert.Equal(("lifecycle.sign_twice", "kt-05554"), (Text(violation, "type"), Text(violation, "subject")));
        Assert.Equal("kt-05554: " + Text(violation, "description"), message);
        Assert.Contains("2018-02-22 in Borken", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_stale_expected_version_is_ABORTED_with_an_ErrorInfo_naming_the_current_one(string peer)
    {
        var id = Id(peer, "stale");
        var (message, info) = Failure(await runs.AgreementsCheckAsync(peer, "error_aborted"), 10, "google.rpc.ErrorInfo");

        Assert.Equal($"agreement '{id}' is at version 2, not 1: read it again and retry.", message);
        Assert.Equal(("STALE_VERSION", ErrorDomain), (Text(info, "reason"), Text(info, "domain")));
        var metadata = info.GetProperty("metadata");
        Assert.Equal((id, "2"), (Text(metadata, "agreement_id"), Text(metadata, "current_version")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task An_unknown_agreement_is_NOT_FOUND_with_a_ResourceInfo(string peer)
    {
        var missing = Id(peer, "missing");
        var (message, detail) = Failure(await runs.AgreementsCheckAsync(peer, "error_not_found"), 5, "google.rpc.ResourceInfo");

        Assert.Equal(("zielsteuerung.agreements.v1.Agreement", missing), (Text(detail, "resource_type"), Text(detail, "resource_name")));
        Assert.Contains($"'{missing}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_target_value_with_a_decimal_comma_is_INVALID_ARGUMENT_with_a_BadRequest_naming_its_path(string peer)
    {
        var (message, detail) = Failure(await runs.AgreementsCheckAsync(peer, "error_invalid_argument"), 3, "google.rpc.BadRequest");

        var violation = Assert.Single(Items(detail, "field_violations"));
        Assert.Equal("content.goals[0].targets[0].value", Text(violation, "field"));
        Assert.StartsWith("'2,5' is not a decimal", Text(violation, "description"), StringComparison.Ordinal);
        Assert.Equal("content.goals[0].targets[0].value: " + Text(violation, "description"), message);
    }

    private static string Id(string peer, string suffix) => $"{PeerRuns.AgreementsRunId(PeerRuns.Named(peer))}-{suffix}";
}
