namespace Kpi.Computation;

public enum Polarity { HigherIsBetter, LowerIsBetter, Context }

/// <summary>How the twelve monthly rates of K1E3, K1E4, K3E3 and K3E4 are averaged ("Durchschnitt der vergangenen zwölf Monate").</summary>
public enum AveragingRule
{
    None,
    /// <summary>Σ flows / Σ stocks of the 12 months: the BA's general rule for average rates.</summary>
    StockWeightedMean,
    /// <summary>The plain mean of the 12 monthly rates.</summary>
    SimpleMean,
}

public enum FigureForm
{
    /// <summary>(quantity in m / quantity in m−12 − 1) × 100: K1, K1E1, K1E2, K3.</summary>
    ChangeVsPriorYear,
    /// <summary>Σ flow m−11..m / mean stock m−12..m−1 × 100 (the K2 form, denominator lagged one month).</summary>
    RateOfTwelveMonths,
    /// <summary>The 12 monthly rates flow m / stock m (or m−1) × 100 of m−11..m, averaged by an <see cref="AveragingRule"/>.</summary>
    MeanOfMonthlyRates,
    /// <summary>Σ flow m−11..m / Σ other flow m−11..m × 100 (K2E3).</summary>
    RatioOfTwelveMonthSums,
    /// <summary>part of the stock in m / stock in m × 100 (K3E2).</summary>
    MonthlyRatio,
}
