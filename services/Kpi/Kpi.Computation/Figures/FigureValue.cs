namespace Kpi.Computation;

/// <summary>
/// A figure's value in its unit (% for every K figure: 27.3 means 27.3 %) with what the ratio is made of. When an
/// input is missing, or a denominator is 0, <see cref="Value"/> is null and <see cref="Missing"/> says which, for people.
/// </summary>
/// <param name="Numerator">K2 form: Σ12 of the flow; K1 form: the month's value; stock-weighted mean of monthly rates: Σ12 flows.</param>
/// <param name="Denominator">K2 form: the mean stock; K1 form: the prior-year month's value; stock-weighted mean: Σ12 stocks.
/// Both are null for the simple mean of monthly rates, which is no single ratio.</param>
public sealed record FigureValue(Rational? Value, Rational? Numerator, Rational? Denominator, string? Missing)
{
    internal static FigureValue Absent(string missing) => new(null, null, null, missing);
}
