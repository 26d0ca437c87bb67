namespace Kpi.Computation;

public enum QuantityKind { Stock, Flow }

/// <summary>A monthly base quantity as BA Statistik delivers it: a stock at the month's end or a flow during the month.</summary>
public sealed record QuantityDefinition(string Code, string NameDe, string NameEn, string Unit, QuantityKind Kind, bool BySex);

public enum Polarity { HigherIsBetter, LowerIsBetter, Context }

/// <summary>How a mean of twelve monthly rates is taken (Kennzahlen-VO: "Durchschnitt der vergangenen zwölf Monate").</summary>
public enum AveragingRule { None, StockWeightedMean, SimpleMean }

public enum FigureForm
{
    /// <summary>(quantity m / quantity m−12 − 1) × 100.</summary>
    ChangeVsPriorYear,
    /// <summary>Σ flow m−11..m / mean stock m−12..m−1 × 100 (the K2 form).</summary>
    RateOfTwelveMonths,
    /// <summary>The mean of the 12 monthly rates flow / stock (same or prior month) × 100.</summary>
    MeanOfMonthlyRates,
    /// <summary>Σ flow m−11..m / Σ other flow m−11..m × 100 (K2E3).</summary>
    RatioOfTwelveMonthSums,
    /// <summary>stock part m / stock m × 100 (K3E2).</summary>
    MonthlyRatio,
}

/// <summary>A key figure of the Kennzahlen-VO: what it divides, over which window, and which quantities it needs.</summary>
/// <param name="Quantities">In order: the numerator's quantity, then the denominator's.</param>
/// <param name="DenominatorLag">For monthly rates: 0 = the stock of the same month, 1 = of the prior month.</param>
public sealed record FigureDefinition(string Id, string NameDe, string NameEn, string Numerator, string Denominator, string Window,
    FigureForm Form, AveragingRule AveragingRule, Polarity Polarity, string Unit, IReadOnlyList<string> Quantities, bool Verified, int DenominatorLag = 0);

/// <summary>The base quantities and the figures K1 … K3E4 (DOMAIN.md § 4; Verordnung zur Festlegung der Kennzahlen nach § 48a SGB II).</summary>
public static class KpiCatalogue
{
    public static IReadOnlyList<QuantityDefinition> Quantities { get; } =
    [
        new("elb_stock", "Bestand erwerbsfähige Leistungsberechtigte (ELB)", "Stock of employable beneficiaries (ELB)", "Personen", QuantityKind.Stock, true),
        new("elb_intakes", "Zugänge ELB", "ELB intakes", "Personen", QuantityKind.Flow, true),
        new("elb_exits", "Abgänge ELB", "ELB exits", "Personen", QuantityKind.Flow, true),
        new("integrations", "Integrationen", "Integrations", "Integrationen", QuantityKind.Flow, true),
        new("integrations_single_parents", "Integrationen von Alleinerziehenden", "Integrations of single parents", "Integrationen", QuantityKind.Flow, true),
        new("integrations_lzb", "Integrationen von Langzeitleistungsbeziehenden", "Integrations of long-term recipients (LZB)", "Integrationen", QuantityKind.Flow, true),
        new("single_parents_stock", "Bestand alleinerziehende ELB", "Stock of single parents (ELB)", "Personen", QuantityKind.Stock, true),
        new("lzb_stock", "Bestand Langzeitleistungsbeziehende (LZB)", "Stock of long-term recipients (LZB)", "Personen", QuantityKind.Stock, true),
        new("lzb_intakes", "Zugänge LZB", "LZB intakes", "Personen", QuantityKind.Flow, true),
        new("lzb_exits", "Abgänge LZB", "LZB exits", "Personen", QuantityKind.Flow, true),
        new("lzb_in_measures", "LZB in Maßnahmen der aktiven Arbeitsmarktpolitik", "LZB in active labour-market measures", "Personen", QuantityKind.Stock, true),
        new("living_cost_benefits", "Summe der Leistungen zum Lebensunterhalt (ohne KdU)", "Sum of benefits for living costs (without housing)", "EUR", QuantityKind.Flow, false),
        new("housing_benefits", "Summe der Leistungen für Unterkunft und Heizung", "Sum of housing and heating benefits", "EUR", QuantityKind.Flow, false),
        new("entries_marginal_employment", "Aufnahmen geringfügiger Beschäftigung", "Entries into marginal employment", "Personen", QuantityKind.Flow, true),
        new("entries_funded_employment", "Eintritte in öffentlich geförderte Beschäftigung", "Entries into publicly funded employment", "Personen", QuantityKind.Flow, true),
        new("continued_employments", "Kontinuierliche Beschäftigungen nach Integration", "Continued employments after integration", "Personen", QuantityKind.Flow, true),
    ];

    private const string TwelveMonthsLagged = "12 months m−11..m; the denominator's stock m−12..m−1 (lagged one month)";
    private const string TwelveMonthRates = "the 12 monthly rates of m−11..m";

    public static IReadOnlyList<FigureDefinition> Figures { get; } =
    [
        Change("K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt", "Change of benefits for living costs (without housing)", "living_cost_benefits"),
        Change("K1E1", "Veränderung der Summe der Leistungen für Unterkunft und Heizung", "Change of housing and heating costs", "housing_benefits"),
        Change("K1E2", "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten", "Change of the number of ELB", "elb_stock"),
        Rates("K1E3", "Durchschnittliche Zugangsrate erwerbsfähiger Leistungsberechtigter", "Average intake rate of ELB", "elb_intakes", "elb_stock", 0, Polarity.LowerIsBetter),
        Rates("K1E4", "Durchschnittliche Abgangsrate erwerbsfähiger Leistungsberechtigter", "Average exit rate of ELB", "elb_exits", "elb_stock", 1, Polarity.HigherIsBetter),
        Rate("K2", "Integrationsquote", "Integration rate", "integrations", "elb_stock", Polarity.HigherIsBetter),
        Rate("K2E1", "Quote der Aufnahmen geringfügiger Beschäftigung", "Rate of entries into marginal employment", "entries_marginal_employment", "elb_stock", Polarity.Context),
        Rate("K2E2", "Quote der Eintritte in öffentlich geförderte Beschäftigung", "Rate of entries into publicly funded employment", "entries_funded_employment", "elb_stock", Polarity.Context),
        new("K2E3", "Kontinuierliche Beschäftigung nach Integration", "Continued employment after integration",
            "Σ continued_employments of the 12 months", "Σ integrations of the 12 months", "12 months m−11..m",
            FigureForm.RatioOfTwelveMonthSums, AveragingRule.None, Polarity.HigherIsBetter, "%", ["continued_employments", "integrations"], Verified: false),
        Rate("K2E4", "Integrationsquote der Alleinerziehenden", "Integration rate of single parents", "integrations_single_parents", "single_parents_stock", Polarity.HigherIsBetter),
        Change("K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden", "Change of the stock of long-term recipients", "lzb_stock"),
        Rate("K3E1", "Integrationsquote der Langzeitleistungsbeziehenden", "Integration rate of long-term recipients", "integrations_lzb", "lzb_stock", Polarity.HigherIsBetter),
        new("K3E2", "Aktivierungsquote der Langzeitleistungsbeziehenden", "Activation rate of long-term recipients",
            "lzb_in_measures in the month", "lzb_stock in the month", "the month itself", FigureForm.MonthlyRatio, AveragingRule.None,
            Polarity.HigherIsBetter, "%", ["lzb_in_measures", "lzb_stock"], Verified: true),
        Rates("K3E3", "Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden", "Average intake rate of LZB", "lzb_intakes", "lzb_stock", 0, Polarity.LowerIsBetter),
        Rates("K3E4", "Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden", "Average exit rate of LZB", "lzb_exits", "lzb_stock", 1, Polarity.HigherIsBetter),
    ];

    public static QuantityDefinition? FindQuantity(string code) => Quantities.FirstOrDefault(q => q.Code == code);

    public static FigureDefinition? FindFigure(string id) => Figures.FirstOrDefault(f => f.Id == id);

    private static FigureDefinition Change(string id, string de, string en, string quantity) =>
        new(id, de, en, $"{quantity} in the month", $"{quantity} in the same month of the prior year", "month m against m−12; (numerator / denominator − 1) × 100",
            FigureForm.ChangeVsPriorYear, AveragingRule.None, Polarity.LowerIsBetter, "%", [quantity], Verified: true);

    private static FigureDefinition Rate(string id, string de, string en, string flow, string stock, Polarity polarity) =>
        new(id, de, en, $"Σ {flow} of the 12 months", $"mean {stock} of the 12 months, lagged one month", TwelveMonthsLagged,
            FigureForm.RateOfTwelveMonths, AveragingRule.None, polarity, "%", [flow, stock], Verified: true);

    private static FigureDefinition Rates(string id, string de, string en, string flow, string stock, int lag, Polarity polarity) =>
        new(id, de, en, $"{flow} in the month", lag == 0 ? $"{stock} in the same month" : $"{stock} in the prior month", TwelveMonthRates,
            FigureForm.MeanOfMonthlyRates, AveragingRule.StockWeightedMean, polarity, "%", [flow, stock], Verified: false, DenominatorLag: lag);
}
