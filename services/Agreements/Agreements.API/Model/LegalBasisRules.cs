using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Model;

/// <summary>
/// Which parties may and must take part in an agreement of each legal basis (DOMAIN.md § 2), checked against the
/// registry as of the agreement's date. Each broken rule is a precondition violation naming the rule and the party.
/// </summary>
internal static class LegalBasisRules
{
    public static IReadOnlyList<Violation> Check(LegalBasis basis, IReadOnlyList<(AgreementParty Party, PartyFacts Facts)> parties)
    {
        var violations = new List<Violation>();
        var signatories = parties.Where(p => p.Party.Role == PartyRole.Signatory).ToList();
        var consenting = parties.Where(p => p.Party.Role == PartyRole.Consenting).ToList();
        var concerned = parties.Where(p => p.Party.Role == PartyRole.Concerned).ToList();

        void Require(bool holds, string rule, string subject, string description)
        {
            if (!holds)
            {
                violations.Add(Violation.Precondition(rule, subject, description));
            }
        }

        void SignatoriesAre(string rule, params string[] kinds)
        {
            var expected = string.Join(" and ", kinds.Select(Describe));
            Require(signatories.Count == kinds.Length, rule, "parties",
                $"{Name(basis)} is concluded by exactly {kinds.Length} signatories ({expected}); the request names {signatories.Count}.");
            foreach (var kind in kinds.Distinct())
            {
                var count = signatories.Count(s => s.Facts.Kind == kind);
                Require(count == kinds.Count(k => k == kind), rule, kind,
                    $"{Name(basis)} needs {kinds.Count(k => k == kind)} {Describe(kind)} as signatory; the request names {count}.");
            }

            foreach (var other in signatories.Where(s => !kinds.Contains(s.Facts.Kind)))
            {
                Require(false, rule, other.Facts.Id,
                    $"{other.Facts.Id} ({other.Facts.Name}) is a {Describe(other.Facts.Kind)} and may not sign an agreement under {Name(basis)} ({expected}).");
            }
        }

        PartyFacts? Signatory(string kind) => signatories.FirstOrDefault(s => s.Facts.Kind == kind).Facts;

        void NoConsent(string rule)
        {
            foreach (var party in consenting)
            {
                Require(false, rule, party.Facts.Id, $"only a § 48b Abs. 1 S. 1 Nr. 1 agreement has a consenting party (BMF); {party.Facts.Id} cannot consent to {Name(basis)}.");
            }
        }

        void ConcernedOnly(string rule, Func<PartyFacts, bool> allowed, string what)
        {
            foreach (var party in concerned.Where(c => !allowed(c.Facts)))
            {
                Require(false, rule, party.Facts.Id, $"{party.Facts.Id} ({party.Facts.Name}) cannot be named in {Name(basis)}: only {what} may be.");
            }
        }

        // Nr. 4 and state law: a state ministry and a carrier of its state whose jobcenter has the given form; the
        // carrier's jobcenter may be named as concerned.
        void StateMinistryWithCarrier(string basisRule, string form, string formRule, string why)
        {
            SignatoriesAre($"legal_basis.{basisRule}.signatories", PartyFacts.StateMinistry, PartyFacts.MunicipalCarrier);
            NoConsent($"legal_basis.{basisRule}.consent");
            if (Signatory(PartyFacts.MunicipalCarrier) is not { } carrier)
            {
                return;
            }

            Require(carrier.JobcenterForm == form, $"legal_basis.{basisRule}.{formRule}", carrier.Id,
                $"{carrier.Name}'s jobcenter is {Form(carrier.JobcenterForm)} on the agreement's date; {why}.");
            ConcernedOnly($"legal_basis.{basisRule}.concerned", c => c.Id == carrier.JobcenterId, $"the carrier's jobcenter ({Or(carrier.JobcenterId)})");
            if (Signatory(PartyFacts.StateMinistry) is { } ministry)
            {
                Require(SameState(ministry, carrier), $"legal_basis.{basisRule}.same_state", carrier.Id,
                    $"{carrier.Name} ({carrier.State}) is not in the state of {ministry.Name} ({ministry.State}).");
            }
        }

        switch (basis)
        {
            case LegalBasis.Sgb248BNr1:
                SignatoriesAre("legal_basis.nr1.signatories", PartyFacts.FederalMinistry, PartyFacts.FederalAgency);
                Require(consenting.Count == 1 && consenting[0].Facts.Kind == PartyFacts.FederalMinistry, "legal_basis.nr1.bmf_consent", "parties",
                    "a § 48b Abs. 1 S. 1 Nr. 1 agreement is concluded with the consent (Einvernehmen) of the Federal Ministry of Finance: name BMF as the consenting party.");
                ConcernedOnly("legal_basis.nr1.concerned", _ => false, "its signatories and BMF");
                break;
            case LegalBasis.Sgb248BNr2:
                SignatoriesAre("legal_basis.nr2.signatories", PartyFacts.EmploymentAgency, PartyFacts.MunicipalCarrier, PartyFacts.Jobcenter);
                NoConsent("legal_basis.nr2.consent");
                if (Signatory(PartyFacts.Jobcenter) is { } jobcenter)
                {
                    Require(jobcenter.JobcenterForm == PartyFacts.Ge, "legal_basis.nr2.jobcenter_ge", jobcenter.Id,
                        $"{jobcenter.Name} is {Form(jobcenter.JobcenterForm)} on the agreement's date; a § 48b Abs. 1 S. 1 Nr. 2 agreement is made with the management of a gemeinsame Einrichtung (gE).");
                    if (Signatory(PartyFacts.MunicipalCarrier) is { } carrier)
                    {
                        Require(jobcenter.CarrierId == carrier.Id, "legal_basis.nr2.same_gE", carrier.Id,
                            $"{carrier.Name} does not form {jobcenter.Name} (its municipal carrier is {Or(jobcenter.CarrierId)}).");
                    }

                    if (Signatory(PartyFacts.EmploymentAgency) is { } agency)
                    {
                        Require(jobcenter.PartnerAgencyId == agency.Id, "legal_basis.nr2.same_gE", agency.Id,
                            $"{agency.Name} does not form {jobcenter.Name} (its agency partner is {Or(jobcenter.PartnerAgencyId)}).");
                    }
                }

                ConcernedOnly("legal_basis.nr2.concerned", _ => false, "the agency, the carrier and their gE");
                break;
            case LegalBasis.Sgb248BNr3:
                SignatoriesAre("legal_basis.nr3.signatories", PartyFacts.FederalMinistry, PartyFacts.StateMinistry);
                NoConsent("legal_basis.nr3.consent");
                ConcernedOnly("legal_basis.nr3.concerned", _ => false, "BMAS and the state ministry");
                break;
            case LegalBasis.Sgb248BNr4:
                StateMinistryWithCarrier("nr4", PartyFacts.Zkt, "municipal_carrier_zkt",
                    "a § 48b Abs. 1 S. 1 Nr. 4 agreement is made with a zugelassener kommunaler Träger (zkT)");
                break;
            case LegalBasis.StateLaw:
                StateMinistryWithCarrier("state_law", PartyFacts.Ge, "municipal_carrier_ge",
                    "an agreement under state law (AG-SGB II NRW § 2a) is made with the municipal carrier of a gemeinsame Einrichtung (gE)");
                break;
            case LegalBasis.Local:
                SignatoriesAre("legal_basis.local.signatories", PartyFacts.MunicipalCarrier, PartyFacts.Jobcenter);
                NoConsent("legal_basis.local.consent");
                if (Signatory(PartyFacts.MunicipalCarrier) is { } municipality && Signatory(PartyFacts.Jobcenter) is { } own)
                {
                    Require(own.CarrierId == municipality.Id, "legal_basis.local.own_jobcenter", own.Id,
                        $"{own.Name} is not the jobcenter of {municipality.Name} (its carrier is {Or(own.CarrierId)}).");
                }

                break;
            case LegalBasis.Multilateral:
                Require(signatories.Count >= 2, "legal_basis.multilateral.signatories", "parties",
                    $"a multilateral agreement has at least two signatories; the request names {signatories.Count}.");
                NoConsent("legal_basis.multilateral.consent");
                break;
            default:
                violations.Add(Violation.Invalid("legal_basis", "required: one of the legal bases of § 48b SGB II, state law, local or multilateral."));
                break;
        }

        return violations;
    }

    /// <summary>The state an agreement concerns: that of its state ministry or municipal carrier; empty for federal ones.</summary>
    public static string StateOf(IEnumerable<PartyFacts> parties) =>
        parties.Where(p => p.Kind is PartyFacts.StateMinistry or PartyFacts.MunicipalCarrier or PartyFacts.Jobcenter)
            .Select(p => p.State).FirstOrDefault(s => s.Length > 0) ?? "";

    public static string Name(LegalBasis basis) => basis switch
    {
        LegalBasis.Sgb248BNr1 => "§ 48b Abs. 1 S. 1 Nr. 1 SGB II",
        LegalBasis.Sgb248BNr2 => "§ 48b Abs. 1 S. 1 Nr. 2 SGB II",
        LegalBasis.Sgb248BNr3 => "§ 48b Abs. 1 S. 1 Nr. 3 SGB II",
        LegalBasis.Sgb248BNr4 => "§ 48b Abs. 1 S. 1 Nr. 4 SGB II",
        LegalBasis.StateLaw => "state law (AG-SGB II NRW § 2a)",
        LegalBasis.Local => "a local agreement",
        LegalBasis.Multilateral => "a multilateral agreement",
        _ => "an unspecified legal basis",
    };

    private static bool SameState(PartyFacts a, PartyFacts b) => a.State.Length == 0 || b.State.Length == 0 || a.State == b.State;

    private static string Form(string form) => form.Length == 0 ? "of no known form" : $"a {form}";

    private static string Or(string id) => id.Length == 0 ? "none" : id;

    private static string Describe(string kind) => kind switch
    {
        PartyFacts.FederalMinistry => "federal ministry",
        PartyFacts.StateMinistry => "state ministry",
        PartyFacts.FederalAgency => "federal agency (BA)",
        PartyFacts.RegionalDirectorate => "regional directorate",
        PartyFacts.EmploymentAgency => "employment agency",
        PartyFacts.MunicipalCarrier => "municipal carrier",
        PartyFacts.Jobcenter => "jobcenter",
        _ => kind,
    };
}
