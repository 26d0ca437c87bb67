using Zielsteuerung.Testing;
using System.Text;
using Google.Protobuf;
using Google.Rpc;
using Zielsteuerung.Parties.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace PartyRegistry.Tests.Integration;

/// <summary>Importing other states' parties from files in the layout of nrw-parties.csv.</summary>
[Collection(RegistryCollection.Name)]
public sealed class ImportTests(RegistryFixture fixture)
{
    private const string Header = "key,kind,name,ags,form,partner_agency,parent,verified,note";

    private PartyRegistryClient Client => fixture.Client;

    private static ImportPartiesRequest File(params string[] lines) => new()
    {
        Content = ByteString.CopyFrom(string.Join("\n", lines), Encoding.UTF8), ValidFrom = "2005-01-01",
    };

    [Fact]
    public async Task The_parties_of_Bremen_are_imported_once_and_a_second_import_changes_nothing()
    {
        var bremen = File(
            Header,
            "senator-hb,state_ministry,\"Die Senatorin für Arbeit, Soziales, Jugend und Integration\",04,,,,no,zuständige Landesbehörde",
            "rd-nsb,regional_directorate,Regionaldirektion Niedersachsen-Bremen der Bundesagentur für Arbeit,03,,,ba,yes,",
            "aa-bremen-bremerhaven,employment_agency,Agentur für Arbeit Bremen-Bremerhaven,,,,rd-nsb,yes,",
            "kt-04011,municipal_carrier,Stadt Bremen,04011,,,senator-hb,yes,",
            "kt-04012,municipal_carrier,Stadt Bremerhaven,04012,,,senator-hb,yes,",
            "jc-04011,jobcenter,Jobcenter Bremen,04011,gE,aa-bremen-bremerhaven,kt-04011,yes,",
            "jc-04012,jobcenter,Jobcenter Bremerhaven,04012,gE,aa-bremen-bremerhaven,kt-04012,yes,");

        var first = await Client.ImportPartiesAsync(bremen);
        var second = await Client.ImportPartiesAsync(bremen);

        Assert.Equal(7, first.Registered);
        Assert.Equal((0, 7), (second.Registered, second.Unchanged));
        var members = await Client.ListGroupMembersAsync(new ListGroupMembersRequest
        {
            Group = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-HB", Form = JobcenterForm.Ge },
        });
        Assert.Equal(["jc-04011", "jc-04012"], members.Members.Select(m => m.Id).ToArray());
        var bremerhaven = await Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "04012", Kind = PartyKind.Jobcenter, AsOf = "2010-01-01" });
        Assert.Equal("Jobcenter Bremerhaven", bremerhaven.Name);
    }

    [Fact]
    public async Task A_party_imported_from_a_future_date_is_unchanged_by_a_second_import()
    {
        // Found by the python interop peer: the comparison used today, when the party does not exist yet.
        var future = File(Header, "beirat-2090,body,\"Beirat Münster, ab 2090\",,,,,no,");
        future.ValidFrom = "2090-01-01";

        var first = await Client.ImportPartiesAsync(future);
        var second = await Client.ImportPartiesAsync(future);

        Assert.Equal(1, first.Registered);
        Assert.Equal((0, 1), (second.Registered, second.Unchanged));
    }

    [Fact]
    public async Task A_malformed_file_is_reported_with_line_numbers_and_nothing_is_imported()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ImportPartiesAsync(File(
            Header,
            "kt-06411,municipal_carrier,Stadt Darmstadt,06411,,,,yes,",
            "jc-06411,jobcentre,Jobcenter Darmstadt,06411,zkT,,kt-06411,yes,",
            "kt-06412,municipal_carrier,Stadt Frankfurt am Main,06412,,,,yes,",
            "jc-06412,jobcenter,Jobcenter Frankfurt am Main,06412,gE,aa-nirgendwo,kt-06412,yes,",
            "jc-06413,jobcenter,Jobcenter Offenbach,06413,gE,,kt-06412,yes,",
            "jc-06414,jobcenter,Jobcenter Wiesbaden,06414,zkT,,kt-06412")));

        var fields = status.Detail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("content.lines[3].kind", fields);
        Assert.Contains("content.lines[7].line", fields);
        Assert.Contains("line 3", status.Message);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyAsync(new GetPartyRequest { Id = "kt-06411" }));
    }

    [Fact]
    public async Task Relation_errors_of_a_well_formed_file_name_their_lines_too()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ImportPartiesAsync(File(
            Header,
            "kt-06412,municipal_carrier,Stadt Frankfurt am Main,06412,,,,yes,",
            "jc-06412,jobcenter,Jobcenter Frankfurt am Main,06412,gE,aa-nirgendwo,kt-06412,yes,",
            "jc-06413,jobcenter,Jobcenter Offenbach,06413,gE,,kt-06412,yes,",
            "jc-06414,jobcenter,Jobcenter Wiesbaden,06412,zkT,,kt-06412,yes,")));

        var violations = status.Detail<BadRequest>().FieldViolations;
        Assert.Contains(violations, v => v.Field == "content.lines[3].partner_agency" && v.Description.Contains("aa-nirgendwo"));
        Assert.Contains(violations, v => v.Field == "content.lines[4].partner_agency");
        Assert.Contains(violations, v => v.Field == "content.lines[5].ags");
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyAsync(new GetPartyRequest { Id = "kt-06412" }));
    }

    [Fact]
    public async Task A_row_that_contradicts_the_registry_is_refused_instead_of_overwriting_it()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ImportPartiesAsync(File(
            Header,
            "jc-05554,jobcenter,Jobcenter Kreis Borken,05554,gE,aa-wesel,kt-05554,yes,")));

        Assert.Equal("content.lines[2].form", Assert.Single(status.Detail<BadRequest>().FieldViolations).Field);
        Assert.Equal(JobcenterForm.Zkt, (await Client.GetPartyAsync(new GetPartyRequest { Id = "jc-05554" })).Form);
    }
}
