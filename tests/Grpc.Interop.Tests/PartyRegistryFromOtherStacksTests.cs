using System.Text.Json;
using Zielsteuerung.Interop.Tests.Infrastructure;
using static Zielsteuerung.Interop.Tests.Infrastructure.Observed;

namespace Zielsteuerung.Interop.Tests;

/// <summary>
/// Debian's python grpcio and npm's @grpc/grpc-js, as BA and state systems on other stacks would, call the party
/// registry: with access tokens they get themselves (client credentials at the identity service's token endpoint, over
/// their own HTTP client), every RPC, errors with their code, German message and google.rpc details, the refusals of
/// access control, deadlines, metadata and compression, health Check and Watch, reflection v1 and v1alpha. Each row
/// names the peer; each test one check.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class PartyRegistryFromOtherStacksTests(PeerRuns runs)
{
    private const string Service = "zielsteuerung.parties.v1.PartyRegistry";

    private static readonly string[] Rpcs =
        ["GetParty", "GetPartyByAgs", "SearchParties", "ListParties", "ListGroupMembers", "RegisterParty", "RecordChange", "ListPartyHistory", "ImportParties"];

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Every_rpc_of_the_contract_is_called(string peer)
    {
        var checks = await runs.ChecksAsync(peer);
        foreach (var rpc in Rpcs)
        {
            Assert.Contains(Snake(rpc), checks);
        }

        Assert.Equal(Rpcs, Strings((await runs.CheckAsync(peer, "reflection_symbol_v1")).GetProperty("methods")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task The_peer_gets_its_own_tokens_with_client_credentials_for_the_scopes_it_asks(string peer)
    {
        var tokens = (await runs.CheckAsync(peer, "access_token")).GetProperty("tokens");

        Assert.Equal(["mags-nrw mags-nrw parties.read parties.write party-registry", "jc-05554 jc-05554 parties.read party-registry", "platform-admin  identity.admin identity"],
            new[] { "writer", "reader", "admin" }.Select(role => tokens.GetProperty(role)).Select(t =>
                $"{Text(t, "client_id")} {Text(t, "party")} {string.Join(' ', Text(t, "scope").Split(' ').Order(StringComparer.Ordinal))} {string.Join(',', Strings(t.GetProperty("aud")))}"));
        foreach (var token in tokens.EnumerateObject().Select(t => t.Value))
        {
            Assert.Equal(("Bearer", "at+jwt"), (Text(token, "token_type"), Text(token, "typ")));
            Assert.True(token.GetProperty("expires_in").GetInt32() > 0);
        }
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetParty_answers_as_of_a_date(string peer)
    {
        var asOf = (await runs.CheckAsync(peer, "get_party")).GetProperty("as_of");

        var before = asOf.GetProperty("2012-01-01");
        Assert.Equal(("mags-nrw", "PARTY_KIND_STATE_MINISTRY", "1"), (Text(before, "id"), Text(before, "kind"), Text(before, "version")));
        Assert.Equal(("Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen", "MAIS NRW"),
            (Text(before, "name"), Text(before, "short_name")));
        var after = asOf.GetProperty("2020-01-01");
        Assert.Equal(("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", "MAGS NRW"),
            (Text(after, "name"), Text(after, "short_name")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task GetPartyByAgs_finds_the_jobcenter_of_a_Kreis(string peer)
    {
        var party = (await runs.CheckAsync(peer, "get_party_by_ags")).GetProperty("party");

        Assert.Equal(("jc-05554", "Jobcenter Kreis Borken", "JOBCENTER_FORM_ZKT"), (Text(party, "id"), Text(party, "name"), Text(party, "form")));
        var carrier = Assert.Single(party.GetProperty("relations").EnumerateArray());
        Assert.Equal(("RELATION_KIND_CARRIER", "kt-05554"), (Text(carrier, "kind"), Text(carrier, "party_id")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task SearchParties_matches_umlauts_regardless_of_case(string peer)
    {
        var result = await runs.CheckAsync(peer, "search_parties");

        Assert.Equal(["jc-05754", "kt-05754"], Strings(result.GetProperty("ids")));
        Assert.Equal(["Jobcenter Kreis Gütersloh", "Kreis Gütersloh"], Strings(result.GetProperty("names")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListParties_pages_through_the_18_NRW_zkT_and_ListGroupMembers_lists_them_at_once(string peer)
    {
        var pages = (await runs.CheckAsync(peer, "list_parties")).GetProperty("pages").EnumerateArray().Select(Strings).ToList();
        var members = await runs.CheckAsync(peer, "list_group_members");

        Assert.Equal([7, 7, 4], pages.Select(p => p.Length));
        var ids = pages.SelectMany(p => p).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains("jc-05954", ids); // Ennepe-Ruhr-Kreis, zkT since 2005
        Assert.Equal("2016-01-01", Text(members, "as_of"));
        var listed = members.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(ids, listed.Select(m => Text(m, "id")));
        Assert.Contains(listed, m => Text(m, "name") == "Jobcenter Mülheim an der Ruhr");
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task RegisterParty_RecordChange_and_ListPartyHistory_keep_the_periods(string peer)
    {
        var id = PeerRuns.RunId(PeerRuns.Named(peer));
        var registered = (await runs.CheckAsync(peer, "register_party")).GetProperty("party");
        var changed = await runs.CheckAsync(peer, "record_change");
        var history = await runs.CheckAsync(peer, "list_party_history");

        Assert.Equal((id, "Interop-Gremium Düsseldorf-Süd", "2090-01-01", "1"),
            (Text(registered, "id"), Text(registered, "name"), Text(registered, "valid_from"), Text(registered, "version")));
        var party = changed.GetProperty("party");
        Assert.Equal(("Interop-Gremium Köln-Mülheim", "2", "2091-01-01"), (Text(party, "name"), Text(party, "version"), Text(party, "as_of")));
        Assert.Equal("Interop-Gremium Düsseldorf-Süd", Text(changed, "name_before"));
        Assert.Equal(2, history.GetProperty("version").GetInt32());
        Assert.Equal(["1:registered:registered", "2:name:Umbenennung"], history.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("version").GetInt32()}:{string.Join('+', Strings(c.GetProperty("changed_fields")))}:{Text(c, "reason")}"));
        Assert.Equal(["Interop-Gremium Düsseldorf-Süd [2090-01-01, 2091-01-01)", "Interop-Gremium Köln-Mülheim [2091-01-01, )"],
            history.GetProperty("periods").EnumerateArray().Select(p => $"{Text(p, "value")} [{Text(p, "valid_from")}, {Text(p, "valid_to")})"));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ListPartyHistory_records_the_client_and_party_of_the_token_as_the_author(string peer)
    {
        var history = await runs.CheckAsync(peer, "list_party_history");

        Assert.Equal(["1:mags-nrw (mags-nrw)", "2:mags-nrw (mags-nrw)"], history.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("version").GetInt32()}:{Text(c, "recorded_by")}"));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task ImportParties_registers_a_file_once_and_a_second_import_changes_nothing(string peer)
    {
        var result = await runs.CheckAsync(peer, "import_parties");

        var first = result.GetProperty("first");
        var again = result.GetProperty("again");
        Assert.Equal((1, 0), (first.GetProperty("registered").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal([PeerRuns.RunId(PeerRuns.Named(peer)) + "-imp"], Strings(first.GetProperty("registered_ids")));
        Assert.Equal((0, 1), (again.GetProperty("registered").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_malformed_id_is_INVALID_ARGUMENT_with_a_BadRequest(string peer)
    {
        var detail = await FailureAsync(peer, "error_invalid_argument", 3, "id: 'jc-müller' is not a party id (lower-case letters, digits, '-').",
            "google.rpc.BadRequest");

        var violation = Assert.Single(detail.GetProperty("field_violations").EnumerateArray());
        Assert.Equal(("id", "'jc-müller' is not a party id (lower-case letters, digits, '-')."), (Text(violation, "field"), Text(violation, "description")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task An_unknown_party_is_NOT_FOUND_with_a_ResourceInfo(string peer)
    {
        var missing = PeerRuns.RunId(PeerRuns.Named(peer)) + "-missing";
        var detail = await FailureAsync(peer, "error_not_found", 5, $"party '{missing}' is not registered.", "google.rpc.ResourceInfo");

        Assert.Equal(("zielsteuerung.parties.v1.Party", missing), (Text(detail, "resource_type"), Text(detail, "resource_name")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Registering_an_id_twice_is_ALREADY_EXISTS_with_a_ResourceInfo(string peer)
    {
        var id = PeerRuns.RunId(PeerRuns.Named(peer));
        var detail = await FailureAsync(peer, "error_already_exists", 6, $"party '{id}' is already registered.", "google.rpc.ResourceInfo");

        Assert.Equal(("zielsteuerung.parties.v1.Party", id), (Text(detail, "resource_type"), Text(detail, "resource_name")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_change_before_the_party_existed_is_FAILED_PRECONDITION_with_a_PreconditionFailure(string peer)
    {
        var id = PeerRuns.RunId(PeerRuns.Named(peer));
        var message = $"party '{id}' exists [2090-01-01, open); a change on 2089-01-01 lies outside.";
        var detail = await FailureAsync(peer, "error_failed_precondition", 9, "effective_date: " + message, "google.rpc.PreconditionFailure");

        var violation = Assert.Single(detail.GetProperty("violations").EnumerateArray());
        Assert.Equal(("PARTY_RULE", "effective_date", message), (Text(violation, "type"), Text(violation, "subject"), Text(violation, "description")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_stale_version_is_ABORTED_with_an_ErrorInfo_naming_the_current_one(string peer)
    {
        var id = PeerRuns.RunId(PeerRuns.Named(peer));
        var detail = await FailureAsync(peer, "error_aborted", 10, $"party '{id}' is at version 2, not 1: read it again and retry.", "google.rpc.ErrorInfo");

        Assert.Equal(("STALE_VERSION", "parties.zielsteuerung"), (Text(detail, "reason"), Text(detail, "domain")));
        var metadata = detail.GetProperty("metadata");
        Assert.Equal((id, "2"), (Text(metadata, "party_id"), Text(metadata, "current_version")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_broken_import_file_is_INVALID_ARGUMENT_naming_line_and_column(string peer)
    {
        const string Problem = "'gremium' is not a party kind (federal_ministry, state_ministry, federal_agency, regional_directorate, employment_agency, municipal_carrier, jobcenter, body).";
        var detail = await FailureAsync(peer, "error_import_rejected", 3, "the file has 1 problem(s), nothing was imported: line 2: kind: " + Problem,
            "google.rpc.BadRequest");

        var violation = Assert.Single(detail.GetProperty("field_violations").EnumerateArray());
        Assert.Equal(("content.lines[2].kind", Problem), (Text(violation, "field"), Text(violation, "description")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED_with_an_ErrorInfo_TOKEN_MISSING(string peer)
    {
        var (message, metadata) = await RefusalAsync(peer, "auth_token_missing", 16, "TOKEN_MISSING");

        Assert.Equal($"/{Service}/GetParty", Text(metadata, "method"));
        Assert.Contains("'authorization: Bearer <token>'", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_bearer_token_that_is_no_JWT_is_UNAUTHENTICATED_with_an_ErrorInfo_TOKEN_MALFORMED(string peer)
    {
        var (message, metadata) = await RefusalAsync(peer, "auth_token_malformed", 16, "TOKEN_MALFORMED");

        Assert.Equal($"/{Service}/GetParty", Text(metadata, "method"));
        Assert.Contains("is not a JWT", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_reader_token_registering_a_party_is_PERMISSION_DENIED_with_an_ErrorInfo_MISSING_SCOPE(string peer)
    {
        var (message, metadata) = await RefusalAsync(peer, "auth_missing_scope", 7, "MISSING_SCOPE");

        Assert.Equal(("parties.write", "jc-05554", $"/{Service}/RegisterParty"),
            (Text(metadata, "required_scope"), Text(metadata, "client_id"), Text(metadata, "method")));
        Assert.StartsWith($"/{Service}/RegisterParty needs the scope 'parties.write'", message, StringComparison.Ordinal);
        // The same token reads: it is refused for its scope, not as a token.
        Assert.Equal("Bundesagentur für Arbeit", Text(await runs.CheckAsync(peer, "auth_missing_scope"), "read_name"));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_token_for_the_identity_service_is_UNAUTHENTICATED_with_an_ErrorInfo_WRONG_AUDIENCE(string peer)
    {
        var (message, metadata) = await RefusalAsync(peer, "auth_wrong_audience", 16, "WRONG_AUDIENCE");

        Assert.Equal(("party-registry", $"/{Service}/GetParty"), (Text(metadata, "audience"), Text(metadata, "method")));
        Assert.Contains("not for 'party-registry'", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Health_Check_and_reflection_answer_without_a_token(string peer)
    {
        var result = await runs.CheckAsync(peer, "open_without_token");

        Assert.Equal(["=0:SERVING", $"{Service}=0:SERVING"], result.GetProperty("health").EnumerateArray()
            .Select(c => $"{Text(c, "service")}={c.GetProperty("code").GetInt32()}:{(c.GetProperty("status").ValueKind == JsonValueKind.Null ? "-" : Text(c, "status"))}"));
        Assert.Equal(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", Service],
            Strings(result.GetProperty("reflection_services")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task A_deadline_too_short_ends_the_call_with_DEADLINE_EXCEEDED(string peer)
    {
        var result = await runs.CheckAsync(peer, "deadline");

        Assert.Equal((0, 4), (result.GetProperty("generous_code").GetInt32(), result.GetProperty("tiny_code").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Custom_ascii_and_binary_metadata_and_gzip_requests_are_accepted(string peer)
    {
        var result = await runs.CheckAsync(peer, "metadata");

        Assert.Equal(("Bundesagentur für Arbeit", "Bundesagentur für Arbeit"), (Text(result, "name"), Text(result, "compressed_name")));
        Assert.Contains("grpc-status-details-bin", Strings(result.GetProperty("error_trailers")));
        Assert.DoesNotContain("grpc-status-details-bin", Strings(result.GetProperty("trailers")));
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Health_Check_knows_the_server_and_the_registry_and_not_other_services(string peer)
    {
        var checks = (await runs.CheckAsync(peer, "health_check")).GetProperty("checks").EnumerateArray()
            .Select(c => $"{Text(c, "service")}={c.GetProperty("code").GetInt32()}:{(c.GetProperty("status").ValueKind == JsonValueKind.Null ? "-" : Text(c, "status"))}");

        Assert.Equal(["=0:SERVING", $"{Service}=0:SERVING", "zielsteuerung.nowhere.v1.Nothing=5:-"], checks);
    }

    [Theory]
    [MemberData(nameof(PeerRuns.Names), MemberType = typeof(PeerRuns))]
    public async Task Health_Watch_starts_with_SERVING(string peer)
    {
        Assert.Equal("SERVING", Text(await runs.CheckAsync(peer, "health_watch"), "first"));
    }

    [Theory]
    [MemberData(nameof(ReflectionVersions))]
    public async Task Reflection_lists_the_services_and_describes_the_registry_well_enough_to_call_it(string peer, string version)
    {
        var services = Strings((await runs.CheckAsync(peer, $"reflection_list_{version}")).GetProperty("services"));
        var symbol = await runs.CheckAsync(peer, $"reflection_symbol_{version}");

        Assert.Equal(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", Service],
            services.Order(StringComparer.Ordinal));
        Assert.Equal(["zielsteuerung/parties/v1/parties.proto"], Strings(symbol.GetProperty("files")));
        Assert.Equal(Rpcs, Strings(symbol.GetProperty("methods")));
        Assert.Equal("Bundesagentur für Arbeit", Text(symbol, "reflected_call_name"));
    }

    public static TheoryData<string, string> ReflectionVersions()
    {
        var rows = new TheoryData<string, string>();
        foreach (var peer in PeerRuns.All)
        {
            rows.Add(peer.Name, "v1");
            rows.Add(peer.Name, "v1alpha");
        }

        return rows;
    }

    // The failure a check observed (code, the same in google.rpc.Status, its one detail) with the whole message.
    private async Task<JsonElement> FailureAsync(string peer, string check, int code, string message, string detailType)
    {
        var (actual, detail) = Failure(await runs.CheckAsync(peer, check), code, detailType);
        Assert.Equal(message, actual);
        return detail;
    }

    private async Task<(string Message, JsonElement Metadata)> RefusalAsync(string peer, string check, int code, string reason) =>
        Refusal(await runs.CheckAsync(peer, check), code, reason);

    private static string Snake(string rpc) =>
        string.Concat(rpc.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
