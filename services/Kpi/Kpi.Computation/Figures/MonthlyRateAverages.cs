namespace Kpi.Computation;

// K1E3, K1E4, K3E3, K3E4: twelve monthly rates flow(m) / stock(m − lag), averaged by the rule asked for.
internal static class MonthlyRateAverages
{
    private const int Months = 12;

    public static FigureValue Compute(FigureDefinition figure, IQuantitySeries quantities, YearMonth month, AveragingRule rule)
    {
        var first = month.AddMonths(-(Months - 1));
        return rule switch
        {
            AveragingRule.StockWeightedMean => StockWeighted(figure, quantities, first, month),
            AveragingRule.SimpleMean => Simple(figure, quantities, first),
            _ => throw new ArgumentException($"{figure.Id} averages monthly rates: it needs an averaging rule, not {rule}.", nameof(rule)),
        };
    }

    // Σ flows / Σ stocks: each month's rate weighted by its stock.
    private static FigureValue StockWeighted(FigureDefinition figure, IQuantitySeries quantities, YearMonth first, YearMonth last)
    {
        var stockFirst = first.AddMonths(-figure.DenominatorLag);
        var stockLast = last.AddMonths(-figure.DenominatorLag);
        if (!SeriesReading.TrySum(quantities, figure.NumeratorQuantity, first, last, out var flows, out var missing)
            || !SeriesReading.TrySum(quantities, figure.DenominatorQuantity, stockFirst, stockLast, out var stocks, out missing))
        {
            return FigureValue.Absent(missing);
        }

        return stocks.IsZero
            ? FigureValue.Absent($"{figure.DenominatorQuantity} {stockFirst}..{stockLast} sums to 0")
            : new FigureValue(flows * Rational.Hundred / stocks, flows, stocks, null);
    }

    private static FigureValue Simple(FigureDefinition figure, IQuantitySeries quantities, YearMonth first)
    {
        var rates = Rational.Zero;
        for (var i = 0; i < Months; i++)
        {
            var month = first.AddMonths(i);
            var stockMonth = month.AddMonths(-figure.DenominatorLag);
            if (!SeriesReading.TryGet(quantities, figure.NumeratorQuantity, month, out var flow, out var missing)
                || !SeriesReading.TryGet(quantities, figure.DenominatorQuantity, stockMonth, out var stock, out missing))
            {
                return FigureValue.Absent(missing);
            }

            if (stock.IsZero)
            {
                return FigureValue.Absent($"{figure.DenominatorQuantity} {stockMonth} is 0: no rate for {month}");
            }

            rates += flow / stock;
        }

        return new FigureValue(rates * Rational.Hundred / Months, null, null, null);
    }
}
