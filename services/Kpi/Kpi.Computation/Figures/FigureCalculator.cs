namespace Kpi.Computation;

/// <summary>The Kennzahlen computed from the base quantities, exactly as the Kennzahlen-VO defines them (DOMAIN.md § 4).</summary>
public static class FigureCalculator
{
    /// <param name="rule">For means of monthly rates: the averaging rule; null = the catalogue's. Ignored by the other forms.</param>
    public static FigureValue Compute(FigureDefinition figure, IQuantitySeries quantities, YearMonth month, AveragingRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(quantities);
        return figure.Form switch
        {
            FigureForm.ChangeVsPriorYear => ChangeVsPriorYear(figure.NumeratorQuantity, quantities, month),
            FigureForm.RateOfTwelveMonths => FlowSumOverMeanStock(figure, quantities, month.AddMonths(-11), month),
            FigureForm.RatioOfTwelveMonthSums => RatioOfTwelveMonthSums(figure, quantities, month),
            FigureForm.MonthlyRatio => MonthlyRatio(figure, quantities, month),
            FigureForm.MeanOfMonthlyRates => MonthlyRateAverages.Compute(figure, quantities, month, rule ?? figure.AveragingRule),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure.Form, "Unknown figure form."),
        };
    }

    /// <summary>
    /// Σ flow first..last / mean stock over the same months shifted by the figure's lag × 100: the K2 form over 12
    /// months, and the Jahresfortschrittswert over January..m.
    /// </summary>
    internal static FigureValue FlowSumOverMeanStock(FigureDefinition figure, IQuantitySeries quantities, YearMonth first, YearMonth last)
    {
        var stockFirst = first.AddMonths(-figure.DenominatorLag);
        var stockLast = last.AddMonths(-figure.DenominatorLag);
        if (!SeriesReading.TrySum(quantities, figure.NumeratorQuantity, first, last, out var flows, out var missing)
            || !SeriesReading.TrySum(quantities, figure.DenominatorQuantity, stockFirst, stockLast, out var stocks, out missing))
        {
            return FigureValue.Absent(missing);
        }

        if (stocks.IsZero)
        {
            return FigureValue.Absent($"{figure.DenominatorQuantity} {stockFirst}..{stockLast} averages 0");
        }

        Rational months = last.MonthsSince(first) + 1;
        return new FigureValue(flows * months * Rational.Hundred / stocks, flows, stocks / months, null);
    }

    private static FigureValue ChangeVsPriorYear(string code, IQuantitySeries quantities, YearMonth month)
    {
        var priorYearMonth = month.AddMonths(-12);
        if (!SeriesReading.TryGet(quantities, code, month, out var now, out var missing)
            || !SeriesReading.TryGet(quantities, code, priorYearMonth, out var before, out missing))
        {
            return FigureValue.Absent(missing);
        }

        return before.IsZero
            ? FigureValue.Absent($"{code} {priorYearMonth} is 0: no change against it")
            : new FigureValue((now - before) * Rational.Hundred / before, now, before, null);
    }

    private static FigureValue RatioOfTwelveMonthSums(FigureDefinition figure, IQuantitySeries quantities, YearMonth month)
    {
        var first = month.AddMonths(-11);
        if (!SeriesReading.TrySum(quantities, figure.NumeratorQuantity, first, month, out var part, out var missing)
            || !SeriesReading.TrySum(quantities, figure.DenominatorQuantity, first, month, out var whole, out missing))
        {
            return FigureValue.Absent(missing);
        }

        return whole.IsZero
            ? FigureValue.Absent($"{figure.DenominatorQuantity} {first}..{month} sums to 0")
            : new FigureValue(part * Rational.Hundred / whole, part, whole, null);
    }

    private static FigureValue MonthlyRatio(FigureDefinition figure, IQuantitySeries quantities, YearMonth month)
    {
        var denominatorMonth = month.AddMonths(-figure.DenominatorLag);
        if (!SeriesReading.TryGet(quantities, figure.NumeratorQuantity, month, out var part, out var missing)
            || !SeriesReading.TryGet(quantities, figure.DenominatorQuantity, denominatorMonth, out var whole, out missing))
        {
            return FigureValue.Absent(missing);
        }

        return whole.IsZero
            ? FigureValue.Absent($"{figure.DenominatorQuantity} {denominatorMonth} is 0")
            : new FigureValue(part * Rational.Hundred / whole, part, whole, null);
    }

}
