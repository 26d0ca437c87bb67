namespace Kpi.Computation;

/// <summary>
/// A figure's value for a month, in its unit (% for every K figure), with what it divides. When an input is missing
/// or a denominator is 0, <see cref="Value"/> is null and <see cref="Missing"/> says which, for people.
/// </summary>
public sealed record FigureValue(Rational? Value, Rational? Numerator, Rational? Denominator, string? Missing)
{
    internal static FigureValue Absent(string missing) => new(null, null, null, missing);
}

/// <summary>The Kennzahlen from the base quantities, exactly as the Kennzahlen-VO defines them (DOMAIN.md § 4).</summary>
public static class FigureCalculator
{
    public static FigureValue Compute(FigureDefinition figure, IQuantitySeries quantities, YearMonth month, AveragingRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(quantities);
        var inputs = new Inputs(quantities);
        var numeratorCode = figure.Quantities[0];
        var denominatorCode = figure.Quantities[^1];
        switch (figure.Form)
        {
            case FigureForm.ChangeVsPriorYear:
            {
                var now = inputs.Value(numeratorCode, month);
                var before = inputs.Value(numeratorCode, month.AddMonths(-12));
                return inputs.Missing ?? Percent(now, before, change: true, numeratorCode, month.AddMonths(-12));
            }

            case FigureForm.RateOfTwelveMonths:
            {
                var flows = inputs.Sum(numeratorCode, month.AddMonths(-11), month);
                var stock = inputs.Sum(denominatorCode, month.AddMonths(-12), month.AddMonths(-1)) / 12;
                return inputs.Missing ?? Percent(flows, stock, change: false, denominatorCode, month);
            }

            case FigureForm.RatioOfTwelveMonthSums:
            {
                var part = inputs.Sum(numeratorCode, month.AddMonths(-11), month);
                var whole = inputs.Sum(denominatorCode, month.AddMonths(-11), month);
                return inputs.Missing ?? Percent(part, whole, change: false, denominatorCode, month);
            }

            case FigureForm.MonthlyRatio:
            {
                var part = inputs.Value(numeratorCode, month);
                var whole = inputs.Value(denominatorCode, month);
                return inputs.Missing ?? Percent(part, whole, change: false, denominatorCode, month);
            }

            case FigureForm.MeanOfMonthlyRates:
                return MeanOfRates(figure, inputs, month, rule ?? figure.AveragingRule);

            default:
                throw new ArgumentOutOfRangeException(nameof(figure), figure.Form, "unknown figure form");
        }
    }

    private static FigureValue MeanOfRates(FigureDefinition figure, Inputs inputs, YearMonth month, AveragingRule rule)
    {
        var flowCode = figure.Quantities[0];
        var stockCode = figure.Quantities[^1];
        var flows = new Rational[12];
        var stocks = new Rational[12];
        for (var i = 0; i < 12; i++)
        {
            var rateMonth = month.AddMonths(i - 11);
            flows[i] = inputs.Value(flowCode, rateMonth);
            stocks[i] = inputs.Value(stockCode, rateMonth.AddMonths(-figure.DenominatorLag));
        }

        if (inputs.Missing is { } missing)
        {
            return missing;
        }

        if (rule == AveragingRule.SimpleMean)
        {
            var rates = new List<Rational>(12);
            for (var i = 0; i < 12; i++)
            {
                if (stocks[i].IsZero)
                {
                    return FigureValue.Absent($"{stockCode} {month.AddMonths(i - 11 - figure.DenominatorLag)} is 0");
                }

                rates.Add(flows[i] / stocks[i]);
            }

            return new FigureValue(Rational.Mean(rates) * Rational.Hundred, null, null, null);
        }

        var flowSum = flows.Aggregate(Rational.Zero, (sum, v) => sum + v);
        var stockSum = stocks.Aggregate(Rational.Zero, (sum, v) => sum + v);
        return Percent(flowSum, stockSum, change: false, stockCode, month);
    }

    private static FigureValue Percent(Rational numerator, Rational denominator, bool change, string denominatorCode, YearMonth month)
    {
        if (denominator.IsZero)
        {
            return FigureValue.Absent($"{denominatorCode} {month} gives a denominator of 0");
        }

        var ratio = numerator / denominator;
        return new FigureValue((change ? ratio - Rational.One : ratio) * Rational.Hundred, numerator, denominator, null);
    }

    // Reads inputs and remembers the first one missing, so a formula reads as a formula.
    private sealed class Inputs(IQuantitySeries quantities)
    {
        public FigureValue? Missing { get; private set; }

        public Rational Value(string code, YearMonth month)
        {
            if (quantities.TryGet(code, month, out var value))
            {
                return value;
            }

            Missing ??= FigureValue.Absent($"{code} {month} missing");
            return Rational.Zero;
        }

        public Rational Sum(string code, YearMonth from, YearMonth to)
        {
            var sum = Rational.Zero;
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                sum += Value(code, month);
            }

            return sum;
        }
    }
}
