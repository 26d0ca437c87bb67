namespace Kpi.Computation;

/// <summary>A published BA figure checked against the one computed from the base quantities.</summary>
/// <param name="Agrees">Whether the published value equals the computed one (catalogue's rule) rounded to its decimals.</param>
/// <param name="Computed">By the catalogue's rule, rounded to the published value's decimals; "" when inputs are missing.</param>
/// <param name="ComputedOtherRule">For means of monthly rates: the other averaging rule's value, rounded alike; else null.</param>
/// <param name="AgreesWith">Means of monthly rates: "stock_weighted_mean" or "simple_mean" (the catalogue's rule first
/// when both agree); other figures: "computed"; null when nothing agrees.</param>
public sealed record PublishedCheck(bool Agrees, string Computed, Rational? ComputedExact, string? ComputedOtherRule, string? AgreesWith, string? Missing);

public static class PublishedComparison
{
    public const string AgreesWithComputed = "computed";

    /// <exception cref="FormatException"><paramref name="publishedValue"/> is not a decimal number.</exception>
    public static PublishedCheck Check(FigureDefinition figure, IQuantitySeries quantities, YearMonth month, string publishedValue)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(publishedValue);
        var published = Rational.Parse(publishedValue);
        var decimals = DecimalsWritten(publishedValue);
        var computed = FigureCalculator.Compute(figure, quantities, month);
        if (computed.Value is not { } exact)
        {
            return new PublishedCheck(false, "", null, null, null, computed.Missing);
        }

        var rounded = exact.ToDecimalString(decimals);
        var agrees = Rational.Parse(rounded) == published;
        if (figure.Form != FigureForm.MeanOfMonthlyRates || figure.AveragingRule == AveragingRule.None)
        {
            return new PublishedCheck(agrees, rounded, exact, null, agrees ? AgreesWithComputed : null, null);
        }

        var otherRule = figure.AveragingRule.Other();
        var other = FigureCalculator.Compute(figure, quantities, month, otherRule).Value?.ToDecimalString(decimals);
        var otherAgrees = other is not null && Rational.Parse(other) == published;
        var agreesWith = agrees ? figure.AveragingRule.Code() : otherAgrees ? otherRule.Code() : null;
        return new PublishedCheck(agrees, rounded, exact, other, agreesWith, null);
    }

    // The published value's own precision counts ("27.30" has 2 decimals), not that of its exact value.
    private static int DecimalsWritten(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }
}
