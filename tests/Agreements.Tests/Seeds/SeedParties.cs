using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Seeds;

/// <summary>
/// The seeds' parties as the registry knows them (shared/domain/nrw-parties.csv), written down by hand so the domain
/// tests need no registry. The state ministry is MAIS NRW from 2010 to 2017 and MAGS NRW before and after.
/// </summary>
internal static class SeedParties
{
    public static PartyFacts Bmas { get; } = new("bmas", PartyFacts.FederalMinistry, "Bundesministerium für Arbeit und Soziales", "BMAS", "", "");

    public static PartyFacts Bmf { get; } = new("bmf", PartyFacts.FederalMinistry, "Bundesministerium der Finanzen", "BMF", "", "");

    public static PartyFacts Ba { get; } = new("ba", PartyFacts.FederalAgency, "Bundesagentur für Arbeit", "BA", "", "");

    public static PartyFacts RdNrw { get; } = new("rd-nrw", PartyFacts.RegionalDirectorate, "Regionaldirektion Nordrhein-Westfalen der Bundesagentur für Arbeit", "RD NRW", "05", "DE-NW");

    public static PartyFacts Mags { get; } = new("mags-nrw", PartyFacts.StateMinistry, "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", "MAGS NRW", "05", "DE-NW");

    public static PartyFacts Mais { get; } = Mags with { Name = "Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen", ShortName = "MAIS NRW" };

    public static PartyFacts KreisBorken { get; } = Carrier("05554", "Kreis Borken", PartyFacts.Zkt);

    public static PartyFacts JobcenterBorken { get; } = Jobcenter("05554", "Jobcenter Kreis Borken", PartyFacts.Zkt);

    public static PartyFacts KreisUnna { get; } = Carrier("05978", "Kreis Unna", PartyFacts.Ge);

    public static PartyFacts JobcenterUnna { get; } = Jobcenter("05978", "Jobcenter Kreis Unna", PartyFacts.Ge, "aa-hamm");

    public static PartyFacts AgenturHamm { get; } = new("aa-hamm", PartyFacts.EmploymentAgency, "Agentur für Arbeit Hamm", "AA Hamm", "", "DE-NW");

    public static PartyFacts RheinKreisNeuss { get; } = Carrier("05162", "Rhein-Kreis Neuss", PartyFacts.Ge);

    public static PartyFacts JobcenterNeuss { get; } = Jobcenter("05162", "Jobcenter Rhein-Kreis Neuss", PartyFacts.Ge, "aa-moenchengladbach");

    public static PartyFacts AgenturMoenchengladbach { get; } = new("aa-moenchengladbach", PartyFacts.EmploymentAgency, "Agentur für Arbeit Mönchengladbach", "AA Mönchengladbach", "", "DE-NW");

    /// <summary>The party facts as of a year: the state ministry's name changes (MAIS 2010–2017).</summary>
    public static PartyFacts Of(string id, int year) => id switch
    {
        "bmas" => Bmas,
        "bmf" => Bmf,
        "ba" => Ba,
        "rd-nrw" => RdNrw,
        "mags-nrw" => year is >= 2010 and <= 2017 ? Mais : Mags,
        "kt-05554" => KreisBorken,
        "jc-05554" => JobcenterBorken,
        "kt-05978" => KreisUnna,
        "jc-05978" => JobcenterUnna,
        "aa-hamm" => AgenturHamm,
        "kt-05162" => RheinKreisNeuss,
        "jc-05162" => JobcenterNeuss,
        "aa-moenchengladbach" => AgenturMoenchengladbach,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a party of the seeds"),
    };

    /// <summary>The draft's parties with their facts, as the service pairs them for <see cref="LegalBasisRules"/>.</summary>
    public static List<(AgreementParty Party, PartyFacts Facts)> Pair(CreateDraftRequest draft) =>
        draft.Parties.Select(p => (p, Of(p.PartyId, draft.Year))).ToList();

    /// <summary>The party as the service shows it: the registry's fields filled in (as of the agreement's year).</summary>
    public static AgreementParty Registered(AgreementParty party, int year)
    {
        var facts = Of(party.PartyId, year);
        var registered = party.Clone();
        registered.Name = facts.Name;
        registered.ShortName = facts.ShortName;
        registered.Kind = facts.Kind;
        registered.JobcenterForm = facts.JobcenterForm;
        registered.Ags = facts.Ags;
        return registered;
    }

    private static PartyFacts Carrier(string ags, string name, string form) =>
        new($"kt-{ags}", PartyFacts.MunicipalCarrier, name, name, ags, "DE-NW", JobcenterForm: form, JobcenterId: $"jc-{ags}");

    private static PartyFacts Jobcenter(string ags, string name, string form, string agency = "") =>
        new($"jc-{ags}", PartyFacts.Jobcenter, name, name, ags, "DE-NW", JobcenterForm: form, CarrierId: $"kt-{ags}", PartnerAgencyId: agency);
}
