using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Testing;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Monitoring.Tests.Integration;

/// <summary>Agreements and KPI data made for these tests, small enough to compute by hand.</summary>
internal static class Crafted
{
    /// <summary>A run's own suffix: agreement ids stay unique when the topology's database is reused.</summary>
    public static readonly string Run = DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A § 48b Nr. 4 agreement (Nr. 4: MAGS NRW with a municipal carrier whose jobcenter is zkT) or, for a gE, a state-law
    /// one, for <paramref name="year"/> with two targets on the jobcenter: K2 (JFW) at least as in the prior year, and the
    /// annual sum of integrations at least +2.1 %.
    /// </summary>
    public static CreateDraftRequest Agreement(string id, int year, string carrier, string jobcenter, bool zkt) => new()
    {
        AgreementId = id,
        Year = year,
        LegalBasis = zkt ? LegalBasis.Sgb248BNr4 : LegalBasis.StateLaw,
        DatedOn = $"{year}-01-15",
        Parties =
        {
            new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Staatssekretär", Name = "Dr. Edmund Heller" } },
            new AgreementParty { PartyId = carrier, Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Landrat", Name = "Landrat" } },
            new AgreementParty { PartyId = jobcenter, Role = PartyRole.Concerned },
        },
        Content = new AgreementContent
        {
            Title = $"Zielvereinbarung {year} (Monitoring-Test)",
            Goals =
            {
                new Goal
                {
                    Id = "II",
                    Kind = GoalKind.Integration,
                    Heading = "II. Verbesserung der Integration in Erwerbstätigkeit",
                    Targets =
                    {
                        Target("2.1", jobcenter, "K2", Measure.CalendarYearValue, "0.0", "K2 = 0,0 %", "Die Integrationsquote (K2) soll das Niveau des Vorjahres halten."),
                        Target("2.2", jobcenter, "integrations", Measure.AnnualSum, "2.1", "Integrationen +2,1 %", "Die Zahl der Integrationen soll um 2,1 % steigen."),
                    },
                    Qualitative = { "Die Zusammenarbeit mit den Arbeitgebern wird ausgebaut." },
                },
            },
        },
    };

    private static Zielsteuerung.Agreements.V1.Target Target(string id, string jobcenter, string figure, Measure measure, string value, string label, string wording) => new()
    {
        Id = id,
        // integrations is K2's numerator: a target on it is a target on the figure's part.
        Indicator = new Indicator { KeyFigure = new KeyFigure { Id = "K2", Part = figure == "K2" ? KeyFigurePart.Value : KeyFigurePart.Numerator } },
        Measure = measure,
        Comparison = Comparison.RelativeChange,
        Direction = Direction.AtLeast,
        Value = value,
        DataBasis = Zielsteuerung.Agreements.V1.DataBasis.Final,
        Scope = new Zielsteuerung.Agreements.V1.Scope { JobcenterId = jobcenter },
        Sex = Zielsteuerung.Agreements.V1.Sex.Total,
        Label = label,
        Wording = wording,
    };

    /// <summary>Drafts the agreement and has the carrier, then MAGS NRW sign it: in force on the second signature.</summary>
    public static async Task<Agreement> InForceAsync(MonitoringFixture fixture, CreateDraftRequest draft, string carrierClient)
    {
        var mags = await fixture.AgreementsAs("mags-nrw");
        var agreement = await mags.CreateDraftAsync(draft);
        agreement = await (await fixture.AgreementsAs(carrierClient)).SignAsync(new SignRequest
        {
            AgreementId = agreement.Id, ExpectedVersion = agreement.Version, Signatory = "Landrat", SignatoryRole = "Landrat", Place = "Kreishaus",
            SignedOn = $"{draft.Year}-01-29",
        });
        return await mags.SignAsync(new SignRequest
        {
            AgreementId = agreement.Id, ExpectedVersion = agreement.Version, Signatory = "Dr. Edmund Heller", SignatoryRole = "Staatssekretär",
            Place = "Düsseldorf", SignedOn = $"{draft.Year}-02-22",
        });
    }

    /// <summary>
    /// A jobcenter's stock of ELB (constant 5,000) and integrations (100 a month) from the prior year's December to
    /// <paramref name="lastMonth"/> of <paramref name="year"/>: K2's JFW at month m is 100·m / 5,000 × 100 = 2·m %, the
    /// same as in the prior year (a change of exactly 0.0 %), and the prior year's pattern says December = 4 × March.
    /// </summary>
    public static IEnumerable<DeliveryRow> SteadyYears(string jobcenterKey, int year, int lastMonth)
    {
        for (var month = new DateOnly(year - 2, 12, 1); month <= new DateOnly(year, lastMonth, 1); month = month.AddMonths(1))
        {
            var text = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            yield return Row(jobcenterKey, text, "elb_stock", "5000");
            yield return Row(jobcenterKey, text, "integrations", "100");
        }
    }

    public static DeliveryRow Row(string jobcenterKey, string month, string code, string value) => new()
    {
        Jobcenter = jobcenterKey, Month = month, Code = code, Value = value, Sex = Zielsteuerung.Kpi.V1.Sex.Total,
        Basis = Zielsteuerung.Kpi.V1.DataBasis.Final,
    };

    public static async Task<DeliveryReport> DeliverAsync(KpiClient client, IEnumerable<DeliveryRow> rows, string description)
    {
        var sent = rows.ToList();
        var report = await KpiDeliveries.SendAsync(client,
            new DeliveryHeader { Mode = DeliveryMode.AllOrNothing, Description = description, SourceName = "monitoring tests" }, sent);
        Assert.Equal(sent.Count, report.RowsStored);
        return report;
    }
}
