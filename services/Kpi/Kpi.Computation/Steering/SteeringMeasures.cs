namespace Kpi.Computation;

// One measure at one month, for one subject.
internal static class SteeringMeasures
{
    public static FigureValue Evaluate(SteeringMeasure measure, string code, IQuantitySeries quantities, YearMonth month)
    {
        var january = new YearMonth(month.Year, 1);
        switch (measure)
        {
            case SteeringMeasure.Jfw:
                return FigureCalculator.FlowSumOverMeanStock(KpiCatalogue.FindFigure(code)!, quantities, january, month);

            case SteeringMeasure.Jdw:
            {
                if (!SeriesReading.TrySum(quantities, code, january, month, out var sum, out var missing))
                {
                    return FigureValue.Absent(missing);
                }

                Rational months = month.Month;
                return new FigureValue(sum / months, sum, months, null);
            }

            case SteeringMeasure.YearToDateSum:
                return SeriesReading.TrySum(quantities, code, january, month, out var total, out var missingFlow)
                    ? new FigureValue(total, null, null, null)
                    : FigureValue.Absent(missingFlow);

            case SteeringMeasure.MonthValue:
                if (KpiCatalogue.FindFigure(code) is { } figure)
                {
                    return FigureCalculator.Compute(figure, quantities, month);
                }

                return SeriesReading.TryGet(quantities, code, month, out var value, out var missingStock)
                    ? new FigureValue(value, null, null, null)
                    : FigureValue.Absent(missingStock);

            default:
                throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown steering measure.");
        }
    }

    public static Rational? ChangePercent(Rational? value, Rational? prior) =>
        value is { } now && prior is { } before && !before.IsZero ? (now - before) * Rational.Hundred / before : null;
}
