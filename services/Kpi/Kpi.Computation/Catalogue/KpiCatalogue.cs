namespace Kpi.Computation;

/// <summary>
/// The base quantities and the figures K1 … K3E4 of the Verordnung zur Festlegung der Kennzahlen nach § 48a SGB II
/// (as amended 2019; DOMAIN.md § 4).
/// </summary>
public static class KpiCatalogue
{
    private const string Persons = "Personen";
    private const string Count = "Anzahl";

    public static IReadOnlyList<QuantityDefinition> Quantities { get; } =
    [
        Stock("elb_stock", "Bestand an erwerbsfähigen Leistungsberechtigten (ELB)", "Stock of employable beneficiaries (ELB)"),
        Flow("elb_intakes", "Zugänge an erwerbsfähigen Leistungsberechtigten", "Intakes of ELB", Persons),
        Flow("elb_exits", "Abgänge von erwerbsfähigen Leistungsberechtigten", "Exits of ELB", Persons),
        Flow("integrations", "Integrationen in Erwerbstätigkeit", "Integrations into employment", Count),
        Flow("integrations_single_parents", "Integrationen von Alleinerziehenden", "Integrations of single parents", Count),
        Flow("integrations_lzb", "Integrationen von Langzeitleistungsbeziehenden", "Integrations of long-term recipients (LZB)", Count),
        Stock("single_parents_stock", "Bestand an alleinerziehenden erwerbsfähigen Leistungsberechtigten", "Stock of single parents among the ELB"),
        Stock("lzb_stock", "Bestand an Langzeitleistungsbeziehenden (LZB)", "Stock of long-term recipients (LZB)"),
        Flow("lzb_intakes", "Zugänge an Langzeitleistungsbeziehenden", "Intakes of LZB", Persons),
        Flow("lzb_exits", "Abgänge von Langzeitleistungsbeziehenden", "Exits of LZB", Persons),
        Stock("lzb_in_measures", "Langzeitleistungsbeziehende in Maßnahmen der aktiven Arbeitsmarktpolitik", "LZB in active labour-market measures"),
        new("living_cost_benefits", "Summe der Leistungen zum Lebensunterhalt (ohne Leistungen für Unterkunft und Heizung)",
            "Benefits for living costs (without housing and heating)", "EUR", QuantityKind.Flow, BySex: false),
        new("housing_benefits", "Summe der Leistungen für Unterkunft und Heizung", "Benefits for housing and heating", "EUR", QuantityKind.Flow, BySex: false),
        Flow("entries_marginal_employment", "Aufnahmen einer geringfügigen Beschäftigung", "Entries into marginal employment", Count),
        Flow("entries_funded_employment", "Aufnahmen einer öffentlich geförderten Beschäftigung", "Entries into publicly funded employment", Count),
        Flow("continued_employments", "Kontinuierliche Beschäftigungen nach Integration", "Employments continued after an integration", Count),
    ];

    public static IReadOnlyList<FigureDefinition> Figures { get; } =
    [
        Change("K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt", "Change of the benefits for living costs", "living_cost_benefits"),
        Change("K1E1", "Veränderung der Summe der Leistungen für Unterkunft und Heizung", "Change of the benefits for housing and heating", "housing_benefits"),
        Change("K1E2", "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten", "Change of the number of ELB", "elb_stock"),
        MonthlyRates("K1E3", "Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten", "Average intake rate of ELB",
            "elb_intakes", "elb_stock", denominatorLag: 0, Polarity.LowerIsBetter),
        MonthlyRates("K1E4", "Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten", "Average exit rate of ELB",
            "elb_exits", "elb_stock", denominatorLag: 1, Polarity.HigherIsBetter),
        TwelveMonthRate("K2", "Integrationsquote", "Integration rate", "integrations", "elb_stock", Polarity.HigherIsBetter),
        TwelveMonthRate("K2E1", "Quote der Aufnahmen einer geringfügigen Beschäftigung", "Rate of entries into marginal employment",
            "entries_marginal_employment", "elb_stock", Polarity.Context),
        TwelveMonthRate("K2E2", "Quote der Aufnahmen einer öffentlich geförderten Beschäftigung", "Rate of entries into publicly funded employment",
            "entries_funded_employment", "elb_stock", Polarity.Context),
        new("K2E3", "Kontinuierliche Beschäftigung nach Integration", "Continued employment after integration",
            "Σ continued_employments of m−11..m (the BA's follow-up rule)", "Σ integrations of m−11..m", "12 months m−11..m for both sums",
            FigureForm.RatioOfTwelveMonthSums, AveragingRule.None, Polarity.HigherIsBetter, "%", ["continued_employments", "integrations"], Verified: false),
        TwelveMonthRate("K2E4", "Integrationsquote der Alleinerziehenden", "Integration rate of single parents",
            "integrations_single_parents", "single_parents_stock", Polarity.HigherIsBetter),
        Change("K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden", "Change of the stock of long-term recipients", "lzb_stock"),
        TwelveMonthRate("K3E1", "Integrationsquote der Langzeitleistungsbeziehenden", "Integration rate of long-term recipients",
            "integrations_lzb", "lzb_stock", Polarity.HigherIsBetter),
        new("K3E2", "Aktivierungsquote der Langzeitleistungsbeziehenden", "Activation rate of long-term recipients",
            "lzb_in_measures in m", "lzb_stock in m", "the month m alone, no average",
            FigureForm.MonthlyRatio, AveragingRule.None, Polarity.HigherIsBetter, "%", ["lzb_in_measures", "lzb_stock"], Verified: true),
        MonthlyRates("K3E3", "Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden", "Average intake rate of LZB",
            "lzb_intakes", "lzb_stock", denominatorLag: 0, Polarity.LowerIsBetter),
        MonthlyRates("K3E4", "Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden", "Average exit rate of LZB",
            "lzb_exits", "lzb_stock", denominatorLag: 1, Polarity.HigherIsBetter),
    ];

    private static readonly Dictionary<string, QuantityDefinition> QuantitiesByCode = Quantities.ToDictionary(q => q.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, FigureDefinition> FiguresById = Figures.ToDictionary(f => f.Id, StringComparer.Ordinal);

    public static QuantityDefinition? FindQuantity(string code) => QuantitiesByCode.GetValueOrDefault(code);

    public static FigureDefinition? FindFigure(string id) => FiguresById.GetValueOrDefault(id);

    private static QuantityDefinition Stock(string code, string nameDe, string nameEn) => new(code, nameDe, nameEn, Persons, QuantityKind.Stock, BySex: true);

    private static QuantityDefinition Flow(string code, string nameDe, string nameEn, string unit) => new(code, nameDe, nameEn, unit, QuantityKind.Flow, BySex: true);

    private static FigureDefinition Change(string id, string nameDe, string nameEn, string quantity) =>
        new(id, nameDe, nameEn, $"{quantity} in m", $"{quantity} in m−12", "the month m against the same month of the prior year; (numerator / denominator − 1) × 100",
            FigureForm.ChangeVsPriorYear, AveragingRule.None, Polarity.LowerIsBetter, "%", [quantity], Verified: true);

    private static FigureDefinition TwelveMonthRate(string id, string nameDe, string nameEn, string flow, string stock, Polarity polarity) =>
        new(id, nameDe, nameEn, $"Σ {flow} of m−11..m", $"mean {stock} of m−12..m−1", "12 months m−11..m; the denominator lagged one month",
            FigureForm.RateOfTwelveMonths, AveragingRule.None, polarity, "%", [flow, stock], Verified: true, DenominatorLag: 1);

    private static FigureDefinition MonthlyRates(string id, string nameDe, string nameEn, string flow, string stock, int denominatorLag, Polarity polarity) =>
        new(id, nameDe, nameEn, $"{flow} in the month",
            denominatorLag == 0 ? $"{stock} in the same month" : $"{stock} in the prior month",
            "the 12 monthly rates of m−11..m, averaged (rule unverified: the Verordnung says only \"Durchschnitt der vergangenen zwölf Monate\")",
            FigureForm.MeanOfMonthlyRates, AveragingRule.StockWeightedMean, polarity, "%", [flow, stock], Verified: false, denominatorLag);
}
