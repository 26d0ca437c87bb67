using System.Globalization;
using PartyRegistry.API.Import;
using PartyRegistry.API.Model;

namespace PartyRegistry.Tests.Domain;

/// <summary>The NRW reference data with its history, in memory (the same data the service loads at first start).</summary>
public sealed class ReferenceDataTests
{
    private static readonly List<FileParty> Nrw = ReferenceData.LoadNrw();
    private static readonly Dictionary<string, PartyRecord> ById = Nrw.ToDictionary(p => p.Record.Id, p => p.Record);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static List<PartySnapshot> JobcentersOn(string date) =>
        Nrw.Select(p => p.Record.At(D(date))).OfType<PartySnapshot>().Where(s => s.Kind == PartyKind.Jobcenter).ToList();

    [Fact]
    public void Nrw_has_53_jobcenters_35_gE_and_18_zkT_today()
    {
        var today = JobcentersOn("2026-01-01");

        Assert.Equal(53, today.Count);
        Assert.Equal(35, today.Count(j => j.Form == JobcenterForm.GE));
        Assert.Equal(18, today.Count(j => j.Form == JobcenterForm.ZKT));
        Assert.All(today, j => Assert.Equal("DE-NW", j.State));
    }

    [Fact]
    public void Ten_NRW_jobcenters_were_zkT_in_2011_and_eighteen_in_2012()
    {
        Assert.Equal(10, JobcentersOn("2011-12-31").Count(j => j.Form == JobcenterForm.ZKT));
        Assert.Equal(18, JobcentersOn("2012-01-01").Count(j => j.Form == JobcenterForm.ZKT));
    }

    [Fact]
    public void Essen_was_gE_in_2011_and_is_zkT_from_2012()
    {
        var essen = ById["jc-05113"];

        var in2011 = essen.At(D("2011-06-30"))!;
        Assert.Equal(JobcenterForm.GE, in2011.Form);
        Assert.Contains(in2011.Relations, r => r.Kind == RelationKind.PartnerAgency && r.PartyId == "aa-essen");

        var in2012 = essen.At(D("2012-01-01"))!;
        Assert.Equal(JobcenterForm.ZKT, in2012.Form);
        Assert.DoesNotContain(in2012.Relations, r => r.Kind == RelationKind.PartnerAgency);
        Assert.Contains(in2012.Relations, r => r.Kind == RelationKind.Carrier && r.PartyId == "kt-05113");
    }

    [Fact]
    public void Ennepe_Ruhr_has_been_a_zkT_since_2005_with_no_partner_agency()
    {
        // JobAgentur EN was one of the 69 original Optionskommunen (2005); it became the AöR Jobcenter EN in 2012.
        var jobcenter = ById["jc-05954"];

        foreach (var date in new[] { "2005-01-01", "2011-12-31", "2012-01-01", "2026-01-01" })
        {
            var snapshot = jobcenter.At(D(date))!;
            Assert.Equal(JobcenterForm.ZKT, snapshot.Form);
            Assert.DoesNotContain(snapshot.Relations, r => r.Kind == RelationKind.PartnerAgency);
            Assert.Contains(snapshot.Relations, r => r.Kind == RelationKind.Carrier && r.PartyId == "kt-05954");
        }
    }

    [Fact]
    public void Mags_was_called_Mais_in_2016()
    {
        var ministry = ById["mags-nrw"];

        Assert.Equal("MAIS NRW", ministry.At(D("2016-01-01"))!.ShortName);
        Assert.Equal("Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen", ministry.At(D("2016-01-01"))!.Name);
        Assert.Equal("MAGS NRW", ministry.At(D("2018-02-22"))!.ShortName);
        Assert.Equal("MAGS NRW", ministry.At(D("2009-01-01"))!.ShortName);
        Assert.Equal("MAIS NRW", ministry.At(D("2017-06-30"))!.ShortName);
        Assert.Equal("MAGS NRW", ministry.At(D("2017-07-01"))!.ShortName);
    }

    [Fact]
    public void Borken_is_a_zkT_of_NRW_on_2016_01_01()
    {
        var borken = ById["jc-05554"].At(D("2016-01-01"))!;

        Assert.Equal(JobcenterForm.ZKT, borken.Form);
        Assert.Equal("DE-NW", borken.State);
        Assert.Equal("05554", borken.Ags);
        Assert.Contains(JobcentersOn("2016-01-01").Where(j => j.Form == JobcenterForm.ZKT), j => j.Id == "jc-05554");
    }

    [Fact]
    public void The_Mettmann_agency_exists_from_2012_and_Kreis_Mettmann_was_partnered_by_Duesseldorf_before()
    {
        Assert.Null(ById["aa-mettmann"].At(D("2011-12-31")));
        Assert.NotNull(ById["aa-mettmann"].At(D("2012-01-01")));
        Assert.Equal("aa-duesseldorf", ById["jc-05158"].ValueAt("relations.partner_agency", D("2011-12-31")));
        Assert.Equal("aa-mettmann", ById["jc-05158"].ValueAt("relations.partner_agency", D("2012-01-01")));
    }

    [Fact]
    public void Agencies_lie_in_the_state_of_their_regional_directorate()
    {
        Assert.Equal("DE-NW", ById["aa-hamm"].At(D("2020-01-01"))!.State);
        Assert.Equal("", ById["bmas"].At(D("2020-01-01"))!.State);
    }

    [Fact]
    public void Every_reference_party_satisfies_the_rules_on_every_day()
    {
        PartyExistence? Lookup(string id) =>
            ById.TryGetValue(id, out var r) ? new PartyExistence(r.Id, r.Kind, r.ValidFrom, r.ValidTo) : null;

        var violations = Nrw.SelectMany(p => PartyRules.CheckValues(p.Record).Concat(PartyRules.CheckConsistency(p.Record, Lookup))
            .Select(v => $"{p.Record.Id} {v.Field}: {v.Description}")).ToList();

        Assert.Empty(violations);
        Assert.Empty(from a in Nrw from b in Nrw where string.CompareOrdinal(a.Record.Id, b.Record.Id) < 0
                     let conflict = PartyRules.AgsConflict(a.Record, b.Record) where conflict is not null
                     select $"{a.Record.Id}/{b.Record.Id}: {conflict}");
    }

    [Fact]
    public void The_fingerprint_changes_with_any_file_and_only_then()
    {
        byte[] B(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        var original = ReferenceData.Fingerprint([("a.csv", B("x,y")), ("b.csv", B("z"))]);
        Assert.Equal(original, ReferenceData.Fingerprint([("a.csv", B("x,y")), ("b.csv", B("z"))]));
        Assert.NotEqual(original, ReferenceData.Fingerprint([("a.csv", B("x,y")), ("b.csv", B("Z"))]));
        Assert.NotEqual(original, ReferenceData.Fingerprint([("a.csv", B("x,")), ("b.csv", B("yz"))]));
        Assert.NotEqual(original, ReferenceData.Fingerprint([("a.csv", B("x,y")), ("c.csv", B("z"))]));
        Assert.Matches("^[0-9a-f]{64}$", ReferenceData.NrwFingerprint());
    }
}
