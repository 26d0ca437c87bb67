namespace Monitoring.Reporting.Tests;

/// <summary>
/// A crafted report for seed 001 (Zielvereinbarung Kreis Borken 2018), Stand Oktober 2018, evaluated by the real
/// AttainmentCalculator. Earlier years have the December / October ratios 1.19 (2015), 1.21 (2016) and that of 2017
/// (1.2 for the cumulative measures), unless a target says otherwise.
/// </summary>
internal static class Borken
{
    public static readonly YearMonth October = new(2018, 10);

    public static readonly Provenance Inputs = new("zv-2018-0001", 7, ["dlv-000017"]);

    public static readonly Provenance LaterInputs = new("zv-2018-0001", 7, ["dlv-000017", "dlv-000021"]);

    public const string Integration = "II. Verbesserung der Integration in Erwerbstätigkeit";
    public const string LongTerm = "III. Vermeidung von langfristigem Leistungsbezug";
    public const string StateGoals = "Landesspezifische Ziele";

    public static Rational R(string text) => Rational.Parse(text);

    public static Target Target(string id, string code, TargetMeasure measure, Direction direction, string? goal, string wording,
        GoalKind kind = GoalKind.Quantitative, DataBasis basis = DataBasis.Final, Comparison comparison = Comparison.RelativeChangePercent) =>
        new(id, kind, new Indicator(code), measure, comparison, direction, goal is null ? null : R(goal), basis, Sex.Total,
            new Scope(Aggregation.SingleJobcenter, ["05554"]), wording);

    /// <summary>A year of steering points January..<paramref name="through"/> with the prior year's values and the change.</summary>
    public static IReadOnlyList<SteeringPoint> Year(int year, Func<int, Rational?> value, Func<int, Rational?>? prior = null, int through = 12) =>
        Enumerable.Range(1, through).Select(m =>
        {
            var (current, before) = (value(m), prior?.Invoke(m));
            Rational? change = current is { } c && before is { IsZero: false } b ? (c - b) * 100 / b : null;
            return new SteeringPoint(new YearMonth(year, m), current, null, null, before, change, current is null ? "no delivery for this month" : null);
        }).ToList();

    /// <summary>An earlier year following <paramref name="path"/> except in December: October × <paramref name="ratio"/>.</summary>
    public static IReadOnlyList<SteeringPoint> Earlier(int year, Func<int, Rational> path, string ratio) =>
        Year(year, m => m == 12 ? path(10) * R(ratio) : path(m));

    public static TargetReport Evaluate(string goal, Target target, Func<int, Rational?> current, Func<int, Rational> prior,
        Func<int, Rational> older, int through = 10, Provenance? provenance = null, string? name = null, ValueFormat? format = null,
        string ratio2015 = "1.19", string ratio2016 = "1.21")
    {
        var priorYear = Year(2017, m => prior(m));
        IReadOnlyList<IReadOnlyList<SteeringPoint>> earlier = [Earlier(2015, older, ratio2015), Earlier(2016, older, ratio2016), priorYear];
        var result = AttainmentCalculator.Evaluate(target, Year(2018, current, m => prior(m), through), earlier, provenance ?? Inputs);
        return new TargetReport(goal, result, priorYear, name, format);
    }

    // Integrations: 292 a month in 2018 against 290 in 2017 (October 2 920 vs 2 900, +0.69 %; target +2.1 %).
    public static TargetReport Integrations(int through = 10) => Evaluate(Integration,
        Target("integrations-2018", "integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2.1",
            "Das Ziel ist im Jahr 2018 erreicht, wenn sich die absolute Zahl der Integrationen um 2,1 % gegenüber dem Vorjahr erhöht."),
        m => R("292") * m, m => R("290") * m, m => R("280") * m, through);

    // K2 JFW: 29.8 × m / 12 in 2018, 29.1 × m / 12 in 2017 (October 24.83 vs 24.25, +2.4 %; December 2017 29.1).
    public static TargetReport K2(int through = 10) => Evaluate(Integration,
        Target("k2-2018", "K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "0.0",
            "Das Ziel zur Integrationsquote (K2) ist erreicht, wenn die Integrationsquote 2018 den Wert von 2017 erreicht (K2 = 0,0 %)"),
        m => R("29.8") * m / 12, m => R("29.1") * m / 12, m => R("28.4") * m / 12, through, LaterInputs);

    public static TargetReport RefugeesObserved() => Evaluate(Integration,
        Target("k2-flucht-2018", "k2_asyl", TargetMeasure.CalendarYearValue, Direction.AtLeast, null,
            "Die Integrationsquote der ELB aus den 8 wichtigsten Asylherkunftsländern wird im Jahr 2018 beobachtet.", GoalKind.Observation),
        m => R("9.6") * m / 12, m => R("8.4") * m / 12, m => R("8") * m / 12,
        name: "Integrationsquote der ELB aus den 8 wichtigsten Asylherkunftsländern", format: ValueFormat.Percent);

    // JDW of the LZB stock: 7 390 in October 2018 against 7 400 throughout 2017 (−0.14 %); the band straddles 0.
    public static TargetReport LongTermAverage() => Evaluate(LongTerm,
        Target("k3-2018", "lzb_stock", TargetMeasure.AnnualAverage, Direction.AtMost, "0.0",
            "Das Ziel ist im Jahr 2018 erreicht, wenn der durchschnittliche Bestand an Langzeitleistungsbeziehern dem Vorjahresergebnis entspricht (K 3 = 0,0 %)."),
        m => R("7390"), m => R("7400"), m => R("7000"), ratio2015: "0.998", ratio2016: "1.003");

    // K3E1 JFW: the October delivery is missing.
    public static TargetReport K3E1() => Evaluate(LongTerm,
        Target("k3e1-2018", "K3E1", TargetMeasure.CalendarYearValue, Direction.AtLeast, "4.0",
            "Gleichzeitig soll die Integrationsquote der Langzeitleistungsbeziehenden um 4,0 % gegenüber dem Vorjahresergebnis gesteigert werden."),
        m => m == 10 ? null : R("16.9") * m / 12, m => R("16.4") * m / 12, m => R("16") * m / 12);

    public static TargetReport Stagnation() => Evaluate(LongTerm,
        Target("lzb-dez-2018", "lzb_stock", TargetMeasure.DecemberValue, Direction.AtMost, "0.0",
            "Das Ziel ist erreicht, wenn der Jahresendbestand an Langzeitleistungsbeziehern in 2018 dem Jahresendbestand 2017 (Dezember t-0) entspricht (Veränderung LzL = 0,0%).",
            basis: DataBasis.T0),
        m => R("7500") - 10 * m, m => R("7480") - 8 * m, m => R("7300"), ratio2015: "0.99", ratio2016: "1.01");

    public static readonly IReadOnlyList<PeerValue> K2Members =
    [
        new("05554", R("29.8")), new("05558", R("27.1")), new("05566", R("31.2")), new("05570", R("25.4")), new("05754", R("26.0")),
        new("05758", R("24.9")), new("05762", R("28.3")), new("05766", R("23.7")), new("05770", R("22.6")),
    ];

    public static readonly IReadOnlyList<PeerValue> K3Members =
    [
        new("05554", R("-1.2")), new("05558", R("0.4")), new("05566", R("-2.0")), new("05570", R("1.1")), new("05754", null),
        new("05758", R("-0.3")), new("05762", R("0.9")), new("05766", R("2.2")), new("05770", R("-1.2")),
    ];

    /// <summary>The same agreement after the year: December data, the two integration targets only.</summary>
    public static DialogueReport December()
    {
        var report = Report();
        return report with
        {
            Header = report.Header with { ReportMonth = new YearMonth(2018, 12), RenderedOn = new DateOnly(2019, 3, 20) },
            Targets = [Integrations(12), K2(12)],
        };
    }

    public static DialogueReport Report()
    {
        IReadOnlyList<TargetReport> targets = [Integrations(), K2(), RefugeesObserved(), LongTermAverage(), K3E1(), Stagnation()];
        var header = new ReportHeader(
            "Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018",
            2018,
            [
                new ReportParty("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", "Staatssekretär Dr. Edmund Heller"),
                new ReportParty("Kreis Borken als zugelassener kommunaler Träger", "Landrat Dr. Kai Zwicker"),
            ],
            October,
            new DateOnly(2018, 11, 28),
            ReportProvenance.Of(targets.Select(t => t.Result)),
            "Jobcenter Kreis Borken",
            "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
            "2. Steuerungsdialog 2018 am 05.12.2018");
        var comparison = new PeerComparison("IIb", 9, October,
        [
            new ComparisonRow("K2", "Integrationsquote (K2)", true, PeerRanking.Position("05554", K2Members, higherIsBetter: true), R("22.9"), R("24.9")),
            new ComparisonRow("K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden (K3)", false,
                PeerRanking.Position("05554", K3Members, higherIsBetter: false), R("0.8"), R("-0.6")),
        ]);
        QualitativeGoal[] qualitative =
        [
            new(StateGoals, "Umsetzung der „Gemeinsamen Schwerpunkte von MAGS NRW und Regionaldirektion NRW der BA für das Jahr 2018“",
                "Der Kreis Borken hat die Schwerpunkte in sein Planungsdokument übernommen.\n\nOffen ist die Quote bei U25 < 20 % & die Abstimmung mit der RD.",
                "MAGS NRW"),
            new(StateGoals, "Erbringung kommunaler Eingliederungsleistungen nach § 16a SGB II"),
        ];
        AgreedMeasure[] measures =
        [
            new("Fallmanagement für Langzeitleistungsbeziehende ab vier Jahren Bezugsdauer ausweiten", "Jobcenter Kreis Borken",
                new DateOnly(2018, 9, 30), MeasureState.InProgress, "1. Steuerungsdialog am 18.05.2018", "zwei von drei Stellen besetzt"),
            new("Monatliche Auswertung der Integrationen nach Rechtskreisen", "MAGS NRW", new DateOnly(2018, 7, 31), MeasureState.Done,
                "1. Steuerungsdialog am 18.05.2018", "seit Juli 2018 monatlich versandt"),
            new("Arbeitgeberservice mit der Agentur für Arbeit Coesfeld abstimmen", "Jobcenter Kreis Borken", new DateOnly(2018, 12, 31),
                MeasureState.Open, "1. Steuerungsdialog am 18.05.2018"),
        ];
        return new DialogueReport(header, targets, qualitative, comparison, measures,
            ["Statistik der Bundesagentur für Arbeit: Kennzahlen nach § 48a SGB II", "Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken"]);
    }
}
