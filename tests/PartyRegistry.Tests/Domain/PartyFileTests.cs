using PartyRegistry.API.Import;
using PartyRegistry.API.Model;

namespace PartyRegistry.Tests.Domain;

public sealed class PartyFileTests
{
    private static readonly DateOnly Start = new(2005, 1, 1);

    [Fact]
    public void Malformed_rows_are_reported_with_their_line_numbers()
    {
        var content = string.Join('\n',
            PartyFile.Header,
            "kt-04011,municipal_carrier,Stadt Bremen,04011,,,,yes,",
            "jc-04011,jobcentre,Jobcenter Bremen,04011,gE,aa-bremen,kt-04011,yes,",
            "kt-04012,municipal_carrier,Stadt Bremerhaven,4012,,,,yes,",
            "kt-04011,municipal_carrier,Stadt Bremen,04011,,,,yes,",
            "jc-04012,jobcenter,Jobcenter Bremerhaven,04012,gE,aa-bremen,kt-04012,yes",
            "kt-04013,municipal_carrier,Teststadt,04013,zkT,,,maybe,");

        var (_, errors) = PartyFile.Parse(content, Start);

        Assert.Equal(
            ["line 3: kind", "line 4: ags", "line 5: key", "line 6: line", "line 7: form", "line 7: verified"],
            errors.Select(e => $"line {e.Line}: {e.Field}").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void An_unclosed_quote_names_its_line()
    {
        var (_, errors) = PartyFile.Parse(PartyFile.Header + "\nbmas,federal_ministry,\"Bundesministerium,,,,,yes,\n", Start);

        Assert.Equal(2, Assert.Single(errors).Line);
    }

    [Fact]
    public void A_wrong_header_is_refused()
    {
        var (_, errors) = PartyFile.Parse("id,kind,name\nbmas,federal_ministry,BMAS\n", Start);

        Assert.Equal("header", Assert.Single(errors).Field);
    }

    [Fact]
    public void The_parent_column_becomes_the_relation_of_the_kind()
    {
        var content = string.Join('\n',
            PartyFile.Header,
            "ba,federal_agency,Bundesagentur für Arbeit,,,,,yes,",
            "rd-nsb,regional_directorate,Regionaldirektion Niedersachsen-Bremen,03,,,ba,yes,",
            "aa-bremen,employment_agency,Agentur für Arbeit Bremen-Bremerhaven,,,,rd-nsb,no,",
            "kt-04011,municipal_carrier,Stadt Bremen,04011,,,senator-hb,yes,",
            "jc-04011,jobcenter,Jobcenter Bremen,04011,gE,aa-bremen,kt-04011,yes,\"a note, with a comma\"");

        var (parties, errors) = PartyFile.Parse(content, Start);

        Assert.Empty(errors);
        var byId = parties.ToDictionary(p => p.Record.Id, p => p.Record);
        Assert.Equal("ba", byId["rd-nsb"].ValueAt("relations.parent", Start));
        Assert.Equal("rd-nsb", byId["aa-bremen"].ValueAt("relations.parent", Start));
        Assert.Equal("senator-hb", byId["kt-04011"].ValueAt("relations.supervisor", Start));
        Assert.Equal("kt-04011", byId["jc-04011"].ValueAt("relations.carrier", Start));
        Assert.Equal("aa-bremen", byId["jc-04011"].ValueAt("relations.partner_agency", Start));
        Assert.Equal("DE-HB", byId["jc-04011"].ValueAt(Tokens.State, Start));
        Assert.Equal("DE-NI", byId["aa-bremen"].ValueAt(Tokens.State, Start));
        Assert.Equal("a note, with a comma", parties.Single(p => p.Record.Id == "jc-04011").Note);
    }

    [Fact]
    public void The_shared_nrw_file_parses_without_errors()
    {
        var (parties, errors) = PartyFile.Parse(
            File.ReadAllText(Path.Combine(ReferenceData.Directory, "nrw-parties.csv")), Start);

        Assert.Empty(errors);
        Assert.Equal(53, parties.Count(p => p.Record.Kind == PartyKind.Jobcenter));
        Assert.Equal(2, parties.Single(p => p.Record.Id == "bmas").Line);
    }
}
