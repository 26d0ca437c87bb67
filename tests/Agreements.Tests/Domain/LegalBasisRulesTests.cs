using Agreements.API.Model;
using Agreements.Tests.Seeds;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Domain;

/// <summary>Who may conclude an agreement of each legal basis (DOMAIN.md § 2), with party facts written by hand.</summary>
public sealed class LegalBasisRulesTests
{
    public static TheoryData<string> Seeds => new(SeedAgreements.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_parties_of_every_seed_agreement_are_accepted(string seed)
    {
        var draft = SeedAgreements.All.Single(s => s.Name == seed).Draft;

        Assert.Empty(LegalBasisRules.Check(draft.LegalBasis, SeedParties.Pair(draft)));
    }

    [Fact]
    public void A_Nr1_agreement_between_BMAS_and_BA_needs_the_consent_of_BMF()
    {
        var withConsent = Parties(Sign(SeedParties.Bmas), Sign(SeedParties.Ba), (Role(SeedParties.Bmf, PartyRole.Consenting)));
        Assert.Empty(LegalBasisRules.Check(LegalBasis.Sgb248BNr1, withConsent));

        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr1, Parties(Sign(SeedParties.Bmas), Sign(SeedParties.Ba))));
        AssertRule(violation, "legal_basis.nr1.bmf_consent", "parties");
    }

    [Fact]
    public void A_Nr2_agreement_is_made_by_the_agency_and_the_carrier_that_form_the_gE_Unna()
    {
        var unna = Parties(Sign(SeedParties.AgenturHamm), Sign(SeedParties.KreisUnna), Sign(SeedParties.JobcenterUnna));
        Assert.Empty(LegalBasisRules.Check(LegalBasis.Sgb248BNr2, unna));
    }

    [Fact]
    public void A_Nr2_agreement_with_a_carrier_that_does_not_form_the_jobcenter_is_refused()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr2,
            Parties(Sign(SeedParties.AgenturHamm), Sign(SeedParties.RheinKreisNeuss), Sign(SeedParties.JobcenterUnna))));

        AssertRule(violation, "legal_basis.nr2.same_gE", "kt-05162");
    }

    [Fact]
    public void A_Nr2_agreement_with_an_agency_that_is_not_the_partner_of_the_gE_is_refused()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr2,
            Parties(Sign(SeedParties.AgenturMoenchengladbach), Sign(SeedParties.KreisUnna), Sign(SeedParties.JobcenterUnna))));

        AssertRule(violation, "legal_basis.nr2.same_gE", "aa-moenchengladbach");
    }

    [Fact]
    public void A_Nr2_agreement_with_the_zkT_jobcenter_Borken_is_refused()
    {
        var borkenAsGe = SeedParties.JobcenterBorken with { PartnerAgencyId = "aa-hamm" };
        var violations = LegalBasisRules.Check(LegalBasis.Sgb248BNr2,
            Parties(Sign(SeedParties.AgenturHamm), Sign(SeedParties.KreisBorken), Sign(borkenAsGe)));

        AssertRule(Assert.Single(violations), "legal_basis.nr2.jobcenter_ge", "jc-05554");
    }

    [Fact]
    public void A_Nr3_agreement_is_between_BMAS_and_a_state_ministry_only()
    {
        var violations = LegalBasisRules.Check(LegalBasis.Sgb248BNr3,
            Parties(Sign(SeedParties.Bmas), Sign(SeedParties.Mais), Sign(SeedParties.KreisBorken)));

        Assert.Contains(violations, v => v.Rule == "legal_basis.nr3.signatories" && v.Subject == "kt-05554");
        Assert.Contains(violations, v => v.Rule == "legal_basis.nr3.signatories" && v.Subject == "parties");
    }

    [Fact]
    public void A_Nr4_agreement_with_the_carrier_of_a_gE_Unna_is_refused()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr4, Parties(Sign(SeedParties.Mais), Sign(SeedParties.KreisUnna))));

        AssertRule(violation, "legal_basis.nr4.municipal_carrier_zkt", "kt-05978");
        Assert.Equal(ViolationKind.Precondition, violation.Kind);
    }

    [Fact]
    public void A_Nr4_agreement_names_only_the_carriers_own_jobcenter_as_concerned()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr4,
            Parties(Sign(SeedParties.Mags), Sign(SeedParties.KreisBorken), Role(SeedParties.JobcenterUnna, PartyRole.Concerned))));

        AssertRule(violation, "legal_basis.nr4.concerned", "jc-05978");
    }

    [Fact]
    public void A_Nr4_agreement_with_a_zkT_of_another_state_is_refused()
    {
        var bavarian = SeedParties.KreisBorken with { Id = "kt-09162", State = "DE-BY", JobcenterId = "jc-09162" };
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Sgb248BNr4, Parties(Sign(SeedParties.Mags), Sign(bavarian))));

        AssertRule(violation, "legal_basis.nr4.same_state", "kt-09162");
    }

    [Fact]
    public void A_Nr4_agreement_with_the_BA_instead_of_the_ministry_is_refused()
    {
        var violations = LegalBasisRules.Check(LegalBasis.Sgb248BNr4, Parties(Sign(SeedParties.Ba), Sign(SeedParties.KreisBorken)));

        Assert.Contains(violations, v => v.Rule == "legal_basis.nr4.signatories" && v.Subject == "ba");
        Assert.Contains(violations, v => v.Rule == "legal_basis.nr4.signatories" && v.Subject == PartyFacts.StateMinistry);
    }

    [Fact]
    public void An_agreement_under_state_law_with_the_zkT_Borken_is_refused()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.StateLaw, Parties(Sign(SeedParties.Mags), Sign(SeedParties.KreisBorken))));

        AssertRule(violation, "legal_basis.state_law.municipal_carrier_ge", "kt-05554");
    }

    [Fact]
    public void Only_a_Nr1_agreement_has_a_consenting_party()
    {
        var violations = LegalBasisRules.Check(LegalBasis.Sgb248BNr4,
            Parties(Sign(SeedParties.Mags), Sign(SeedParties.KreisBorken), Role(SeedParties.Bmf, PartyRole.Consenting)));

        AssertRule(Assert.Single(violations), "legal_basis.nr4.consent", "bmf");
    }

    [Fact]
    public void A_local_agreement_is_between_a_carrier_and_its_own_jobcenter()
    {
        Assert.Empty(LegalBasisRules.Check(LegalBasis.Local, Parties(Sign(SeedParties.KreisUnna), Sign(SeedParties.JobcenterUnna))));

        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Local, Parties(Sign(SeedParties.KreisUnna), Sign(SeedParties.JobcenterBorken))));
        AssertRule(violation, "legal_basis.local.own_jobcenter", "jc-05554");
    }

    [Fact]
    public void A_multilateral_agreement_has_at_least_two_signatories()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Multilateral,
            Parties(Sign(SeedParties.Mais), Role(SeedParties.RheinKreisNeuss, PartyRole.Concerned))));

        AssertRule(violation, "legal_basis.multilateral.signatories", "parties");
    }

    [Fact]
    public void An_unspecified_legal_basis_is_a_malformed_request()
    {
        var violation = Assert.Single(LegalBasisRules.Check(LegalBasis.Unspecified, Parties(Sign(SeedParties.Mags), Sign(SeedParties.KreisBorken))));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal("legal_basis", violation.Subject);
    }

    [Fact]
    public void The_state_of_an_agreement_is_that_of_its_ministry_or_carrier()
    {
        Assert.Equal("DE-NW", LegalBasisRules.StateOf([SeedParties.Bmas, SeedParties.Mais]));
        Assert.Equal("", LegalBasisRules.StateOf([SeedParties.Bmas, SeedParties.Ba]));
    }

    private static (AgreementParty, PartyFacts) Sign(PartyFacts facts) => Role(facts, PartyRole.Signatory);

    private static (AgreementParty, PartyFacts) Role(PartyFacts facts, PartyRole role) => (new AgreementParty { PartyId = facts.Id, Role = role }, facts);

    private static List<(AgreementParty Party, PartyFacts Facts)> Parties(params (AgreementParty, PartyFacts)[] parties) => [.. parties];

    private static void AssertRule(Violation violation, string rule, string subject)
    {
        Assert.Equal(rule, violation.Rule);
        Assert.Equal(subject, violation.Subject);
    }
}
