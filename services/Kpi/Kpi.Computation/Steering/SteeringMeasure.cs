namespace Kpi.Computation;

public enum SteeringMeasure
{
    /// <summary>Jahresfortschrittswert of a K2-form figure: Σ flow January..m / mean stock December (prior year)..m−1 × 100.</summary>
    Jfw,
    /// <summary>Jahresdurchschnittswert of a stock: its mean January..m.</summary>
    Jdw,
    /// <summary>The sum January..m of a flow.</summary>
    YearToDateSum,
    /// <summary>The value of the month itself, of a stock or a figure (in December: the December value, "Dezember t-0").</summary>
    MonthValue,
}

/// <summary>One month of a steering value, with the same measure at the same month of the prior year.</summary>
/// <param name="Numerator">JFW: Σ flow January..m; JDW: Σ stock January..m; a figure's month value: the figure's numerator; else null.</param>
/// <param name="Denominator">JFW: the mean stock; JDW: the number of months; a figure's month value: the figure's denominator; else null.</param>
/// <param name="ChangePercent">(value / prior-year value − 1) × 100, exactly: equal values give exactly 0.</param>
/// <param name="Missing">Why the value, or the prior-year value and the change, are absent; for people.</param>
public sealed record SteeringPoint(YearMonth Month, Rational? Value, Rational? Numerator, Rational? Denominator,
    Rational? PriorYearValue, Rational? ChangePercent, string? Missing);
