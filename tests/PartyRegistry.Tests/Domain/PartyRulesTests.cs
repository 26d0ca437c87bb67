using System.Globalization;
using PartyRegistry.API.Model;

namespace PartyRegistry.Tests.Domain;

public sealed class PartyRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, PartyExistence> Others = new()
    {
        ["kt-05113"] = new("kt-05113", PartyKind.MunicipalCarrier, D("2005-01-01"), null),
        ["aa-essen"] = new("aa-essen", PartyKind.EmploymentAgency, D("2005-01-01"), null),
        ["aa-mettmann"] = new("aa-mettmann", PartyKind.EmploymentAgency, D("2012-01-01"), null),
        ["kt-new"] = new("kt-new", PartyKind.MunicipalCarrier, D("2020-01-01"), null),
        ["mags-nrw"] = new("mags-nrw", PartyKind.StateMinistry, D("2005-01-01"), null),
    };

    private static PartyRecord Jobcenter(string form, string carrier = "kt-05113", string? partner = null, string from = "2005-01-01")
    {
        var record = new PartyRecord("jc-05113", PartyKind.Jobcenter, D(from));
        record.Field(Tokens.Name).Set("Jobcenter Essen", D(from));
        record.Field(Tokens.Form).Set(form, D(from));
        record.Field(RelationKind.Carrier.ToField()).Set(carrier, D(from));
        if (partner is not null)
        {
            record.Field(RelationKind.PartnerAgency.ToField()).Set(partner, D(from));
        }

        return record;
    }

    private static List<RuleViolation> Check(PartyRecord record) => PartyRules.CheckConsistency(record, Others.GetValueOrDefault);

    [Fact]
    public void A_valid_gE_and_a_valid_zkT_pass()
    {
        Assert.Empty(Check(Jobcenter("gE", partner: "aa-essen")));
        Assert.Empty(Check(Jobcenter("zkT")));
    }

    [Fact]
    public void A_gE_without_an_agency_partner_is_refused_naming_the_day()
    {
        var record = Jobcenter("zkT");
        record.Apply(new PartyChange(D("2020-01-01"), [new(Tokens.Form, "gE")]));

        var violation = Assert.Single(Check(record));
        Assert.Equal(ViolationKind.Precondition, violation.Kind);
        Assert.Equal("relations.partner_agency", violation.Field);
        Assert.Contains("2020-01-01", violation.Description);
    }

    [Fact]
    public void Essen_changing_to_zkT_in_2012_must_end_its_agency_partnership()
    {
        var record = Jobcenter("gE", partner: "aa-essen");

        record.Apply(new PartyChange(D("2012-01-01"), [new(Tokens.Form, "zkT")]));
        var violation = Assert.Single(Check(record));
        Assert.Equal("relations.partner_agency", violation.Field);

        record.Apply(new PartyChange(D("2012-01-01"), [new(RelationKind.PartnerAgency.ToField(), null)]));
        Assert.Empty(Check(record));
    }

    [Fact]
    public void A_partner_agency_that_does_not_exist_yet_is_refused()
    {
        var violation = Assert.Single(Check(Jobcenter("gE", partner: "aa-mettmann", from: "2011-01-01")));

        Assert.Equal("relations.partner_agency", violation.Field);
        Assert.Contains("aa-mettmann", violation.Description);
    }

    [Fact]
    public void A_jobcenter_whose_carrier_does_not_exist_at_that_date_is_refused()
    {
        var violation = Assert.Single(Check(Jobcenter("zkT", carrier: "kt-new", from: "2019-01-01")));

        Assert.Equal("relations.carrier", violation.Field);
    }

    [Fact]
    public void An_unknown_carrier_or_one_of_the_wrong_kind_is_refused()
    {
        Assert.Contains(Check(Jobcenter("zkT", carrier: "kt-99999")), v => v.Field == "relations.carrier" && v.Description.Contains("does not exist"));
        Assert.Contains(Check(Jobcenter("zkT", carrier: "mags-nrw")), v => v.Field == "relations.carrier" && v.Description.Contains("state_ministry"));
    }

    [Fact]
    public void A_jobcenter_needs_a_carrier_and_a_form_on_every_day()
    {
        var record = Jobcenter("zkT");
        record.Apply(new PartyChange(D("2015-01-01"), [new(RelationKind.Carrier.ToField(), null)]));

        var violation = Assert.Single(Check(record));
        Assert.Equal("relations.carrier", violation.Field);
        Assert.Contains("2015-01-01", violation.Description);
    }

    [Fact]
    public void Overlapping_periods_of_one_field_are_refused()
    {
        var record = Jobcenter("zkT");
        record.Field(Tokens.Name).Add(new Segment("Jobcenter Essen (alt)", D("2008-01-01"), D("2009-01-01")));

        Assert.Contains(Check(record), v => v.Field == Tokens.Name && v.Description.Contains("overlapping"));
    }

    [Fact]
    public void Periods_outside_the_party_existence_are_refused()
    {
        var record = Jobcenter("zkT");
        record.Field(Tokens.ShortName).Add(new Segment("JC E", D("2001-01-01"), null));

        Assert.Contains(Check(record), v => v.Field == Tokens.ShortName && v.Description.Contains("outside"));
    }

    [Fact]
    public void Only_jobcenters_have_a_form_or_a_vergleichstyp()
    {
        var carrier = new PartyRecord("kt-05113", PartyKind.MunicipalCarrier, D("2005-01-01"));
        carrier.Field(Tokens.Name).Set("Stadt Essen", D("2005-01-01"));
        carrier.Field(Tokens.Form).Set("zkT", D("2005-01-01"));
        carrier.Field(Tokens.Vergleichstyp).Set("IIIb", D("2005-01-01"));

        var violations = PartyRules.CheckValues(carrier);

        Assert.Equal([Tokens.Form, Tokens.Vergleichstyp], violations.Select(v => v.Field).Order().ToArray());
        Assert.All(violations, v => Assert.Equal(ViolationKind.Invalid, v.Kind));
    }

    [Theory]
    [InlineData(Tokens.Vergleichstyp, "IV")]
    [InlineData(Tokens.Ags, "5113")]
    [InlineData(Tokens.Ags, "99113")]
    [InlineData(Tokens.State, "NRW")]
    [InlineData(Tokens.Form, "ARGE")]
    public void Malformed_values_are_invalid(string field, string value)
    {
        var record = Jobcenter("zkT");
        record.Field(field).Set(value, D("2005-01-01"));

        Assert.Contains(PartyRules.CheckValues(record), v => v.Field == field && v.Kind == ViolationKind.Invalid);
    }

    [Fact]
    public void A_relation_kind_the_party_kind_does_not_have_is_invalid()
    {
        var record = Jobcenter("zkT");
        record.Field(RelationKind.Supervisor.ToField()).Set("mags-nrw", D("2005-01-01"));

        Assert.Contains(PartyRules.CheckValues(record), v => v.Field == "relations.supervisor");
    }

    [Fact]
    public void An_ags_conflicts_only_within_one_kind_and_overlapping_periods()
    {
        PartyRecord With(string id, PartyKind kind, string ags, string from, string? to)
        {
            var record = new PartyRecord(id, kind, D("2005-01-01"));
            record.Field(Tokens.Ags).Add(new Segment(ags, D(from), to is null ? null : D(to)));
            return record;
        }

        var jobcenter = With("jc-05113", PartyKind.Jobcenter, "05113", "2005-01-01", null);
        Assert.Equal("05113", PartyRules.AgsConflict(jobcenter, With("jc-x", PartyKind.Jobcenter, "05113", "2010-01-01", null)));
        Assert.Null(PartyRules.AgsConflict(jobcenter, With("kt-05113", PartyKind.MunicipalCarrier, "05113", "2005-01-01", null)));
        Assert.Null(PartyRules.AgsConflict(
            With("jc-a", PartyKind.Jobcenter, "05113", "2005-01-01", "2010-01-01"),
            With("jc-b", PartyKind.Jobcenter, "05113", "2010-01-01", null)));
    }

    [Fact]
    public void Dissolving_ends_every_field_and_the_existence()
    {
        var record = Jobcenter("gE", partner: "aa-essen");

        var changed = record.Apply(new PartyChange(D("2012-01-01"), [], Dissolve: true));

        Assert.Equal(["dissolved"], changed);
        Assert.Equal(D("2012-01-01"), record.ValidTo);
        Assert.Null(record.At(D("2012-01-01")));
        Assert.NotNull(record.At(D("2011-12-31")));
        Assert.Empty(Check(record));
    }
}
