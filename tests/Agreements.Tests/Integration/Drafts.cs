using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Integration;

/// <summary>Small agreements for the tests that are not about a seed: valid, with unique ids.</summary>
internal static class Drafts
{
    private static int _next;

    public static string NewId(string prefix) => $"{prefix}-{Environment.ProcessId % 10000}-{Interlocked.Increment(ref _next)}-{Random.Shared.Next(1000, 9999)}";

    public static AgreementContent Content(string title = "Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018") => new()
    {
        Title = title,
        Preamble = "Die Grundsicherung für Arbeitsuchende soll es Leistungsberechtigten ermöglichen, ein Leben zu führen, das der Würde des Menschen entspricht.",
        Goals =
        {
            new Goal
            {
                Id = "II",
                Kind = GoalKind.Integration,
                Heading = "II. Verbesserung der Integration in Erwerbstätigkeit",
                Targets =
                {
                    new Target
                    {
                        Id = "2.2",
                        Indicator = new Indicator { KeyFigure = new KeyFigure { Id = "K2", Part = KeyFigurePart.Value } },
                        Measure = Measure.CalendarYearValue,
                        Comparison = Comparison.RelativeChange,
                        Direction = Direction.AtLeast,
                        Value = "0.0",
                        DataBasis = DataBasis.T0,
                        Scope = new Scope { JobcenterId = "jc-05554" },
                        Label = "K2 = 0,0 %",
                        Wording = "Das Ziel zur Integrationsquote (K2) ist erreicht, wenn die Integrationsquote 2018 den Wert von 2017 erreicht.",
                    },
                },
            },
        },
    };

    /// <summary>A § 48b Nr. 4 draft of MAGS NRW with Kreis Borken (a zkT), Jobcenter Kreis Borken concerned.</summary>
    public static CreateDraftRequest Borken(int year = 2018, string datedOn = "2018-01-15") => new()
    {
        AgreementId = NewId("test-borken"),
        Year = year,
        LegalBasis = LegalBasis.Sgb248BNr4,
        DatedOn = datedOn,
        Parties =
        {
            new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Staatssekretär", Name = "Dr. Edmund Heller" } },
            new AgreementParty { PartyId = "kt-05554", Role = PartyRole.Signatory, RepresentedBy = new Representative { Role = "Landrat", Name = "Dr. Kai Zwicker" } },
            new AgreementParty { PartyId = "jc-05554", Role = PartyRole.Concerned },
        },
        Content = Content(),
    };
}
