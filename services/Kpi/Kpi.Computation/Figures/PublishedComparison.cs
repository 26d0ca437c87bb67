namespace Kpi.Computation;

/// <summary>A published BA figure checked against the one computed from the base quantities.</summary>
/// <param name="Computed">By the catalogue's rule, rounded to the published value's decimals; empty when inputs are missing.</param>
/// <param name="ComputedOtherRule">For means of monthly rates: the other averaging rule's value, rounded alike; else null.</param>
/// <param name="AgreesWith">"stock_weighted_mean" or "simple_mean" for means of monthly rates, "computed" for the other figures; null when nothing agrees.</param>
public sealed record PublishedCheck(bool Agrees, string Computed, Rational? ComputedExact, string? ComputedOtherRule, string? AgreesWith, string? Missing);

public static class PublishedComparison
{
    public const string StockWeighted = "stock_weighted_mean";
    public const string Simple = "simple_mean";

    public static PublishedCheck Check(FigureDefinition figure, IQuantitySeries quantities, YearMonth month, string publishedValue)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var published = Rational.Parse(publishedValue);
        var point = publishedValue.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : publishedValue.Length - point - 1;
        var computed = FigureCalculator.Compute(figure, quantities, month);
        if (computed.Value is not { } exact)
        {
            return new PublishedCheck(false, "", null, null, null, computed.Missing);
        }

        var rounded = exact.ToDecimalString(decimals);
        var agrees = Rational.Parse(rounded) == published;
        if (figure.Form != FigureForm.MeanOfMonthlyRates)
        {
            return new PublishedCheck(agrees, rounded, exact, null, agrees ? "computed" : null, null);
        }

        var otherRule = figure.AveragingRule == AveragingRule.SimpleMean ? AveragingRule.StockWeightedMean : AveragingRule.SimpleMean;
        var other = FigureCalculator.Compute(figure, quantities, month, otherRule).Value?.ToDecimalString(decimals);
        var otherAgrees = other is not null && Rational.Parse(other) == published;
        var agreesWith = agrees ? Name(figure.AveragingRule) : otherAgrees ? Name(otherRule) : null;
        return new PublishedCheck(agrees, rounded, exact, other, agreesWith, null);
    }

    private static string Name(AveragingRule rule) => rule == AveragingRule.SimpleMean ? Simple : StockWeighted;
}
