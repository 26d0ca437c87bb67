using System.Globalization;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Kpi.V1;

namespace Monitoring.Benchmarks;

/// <summary>A jobcenter of the registry: its party id and the key its KPI rows carry (the AGS).</summary>
internal sealed record Jobcenter(string Id, string Key);

/// <summary>
/// What the benchmark puts in force and delivers, small enough to follow by hand (the figures of tests/Monitoring.Tests):
/// every jobcenter 5,000 ELB and 100 integrations a month from 2016-12 to 2018-03, so K2's JFW in March 2018 is 6 %, as
/// a year before — on track against "K2 at least as in the prior year". A round delivers March's integrations again for
/// every jobcenter: fewer than 100 puts each K2 line off track (or at risk), 100 or more back on track.
/// </summary>
internal static class BenchData
{
    public const int Year = 2018;
    public const string RoundMonth = "2018-03";

    /// <summary>The history: 2016-12 … 2018-03, ELB stock and integrations, for every jobcenter.</summary>
    public static IEnumerable<DeliveryRow> History(IEnumerable<Jobcenter> jobcenters)
    {
        foreach (var jobcenter in jobcenters)
        {
            for (var month = new DateOnly(Year - 2, 12, 1); month <= new DateOnly(Year, 3, 1); month = month.AddMonths(1))
            {
                var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                yield return Row(jobcenter, text, "elb_stock", "5000");
                yield return Row(jobcenter, text, "integrations", "100");
            }
        }
    }

    /// <summary>
    /// March's integrations of round <paramref name="round"/> (0, 1, …): even rounds put the lines off track, odd ones back
    /// on; no two rounds send the same rows (the service answers a delivery it has taken in before with the first's report
    /// and changes nothing).
    /// </summary>
    public static string RoundValue(int round) =>
        (round % 2 == 0 ? 50 + (round / 2 % 30) : 100 + (round / 2)).ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<DeliveryRow> Round(IEnumerable<Jobcenter> jobcenters, int round) =>
        jobcenters.Select(j => Row(j, RoundMonth, "integrations", RoundValue(round)));

    public static DeliveryRow Row(Jobcenter jobcenter, string month, string code, string value) => new()
    {
        Jobcenter = jobcenter.Key, Month = month, Code = code, Value = value, Sex = Zielsteuerung.Kpi.V1.Sex.Total,
        Basis = Zielsteuerung.Kpi.V1.DataBasis.Final,
    };

    /// <summary>
    /// A § 48b Nr. 4 agreement of MAGS NRW with Kreis Borken (the development clients that can sign) whose targets are K2
    /// of each of <paramref name="jobcenters"/>: the agreements service does not tie a target's jobcenter to the parties.
    /// </summary>
    public static CreateDraftRequest Agreement(string id, IReadOnlyList<Jobcenter> jobcenters)
    {
        var goal = new Goal { Id = "II", Kind = GoalKind.Integration, Heading = "II. Verbesserung der Integration in Erwerbstätigkeit" };
        for (var i = 0; i < jobcenters.Count; i++)
        {
            goal.Targets.Add(new Zielsteuerung.Agreements.V1.Target
            {
                Id = $"2.{i + 1}",
                Indicator = new Indicator { KeyFigure = new KeyFigure { Id = "K2", Part = KeyFigurePart.Value } },
                Measure = Measure.CalendarYearValue,
                Comparison = Comparison.RelativeChange,
                Direction = Direction.AtLeast,
                Value = "0.0",
                DataBasis = Zielsteuerung.Agreements.V1.DataBasis.Final,
                Scope = new Zielsteuerung.Agreements.V1.Scope { JobcenterId = jobcenters[i].Id },
                Sex = Zielsteuerung.Agreements.V1.Sex.Total,
                Label = "K2 = 0,0 %",
                Wording = $"Die Integrationsquote (K2) von {jobcenters[i].Id} soll das Niveau des Vorjahres halten.",
            });
        }

        return new CreateDraftRequest
        {
            AgreementId = id,
            Year = Year,
            LegalBasis = LegalBasis.Sgb248BNr4,
            DatedOn = $"{Year}-01-15",
            Parties =
            {
                new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Staatssekretär", Name = "Dr. Edmund Heller" } },
                new AgreementParty { PartyId = "kt-05554", Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Landrat", Name = "Dr. Kai Zwicker" } },
                new AgreementParty { PartyId = "jc-05554", Role = PartyRole.Concerned },
            },
            Content = new AgreementContent { Title = $"Zielvereinbarung {Year} (Monitoring-Benchmark)", Goals = { goal } },
        };
    }
}
