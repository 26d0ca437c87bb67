namespace Kpi.Computation;

public enum SteeringMeasure { Jfw, Jdw, YearToDateSum, MonthValue }

/// <summary>One month of a steering value, with the same measure at the same month of the prior year.</summary>
public sealed record SteeringPoint(YearMonth Month, Rational? Value, Rational? Numerator, Rational? Denominator,
    Rational? PriorYearValue, Rational? ChangePercent, string? Missing);

/// <summary>
/// The values a target is steered by within a year (DOMAIN.md § 4): the Jahresfortschrittswert of the K2-form figures,
/// the Jahresdurchschnittswert of a stock, the year-to-date sum of a flow, the value of the month itself; each against
/// the prior year at the same month, the change (value / prior − 1) × 100 exact.
/// </summary>
public static class SteeringCalculator
{
    private static readonly string[] JfwFigures = ["K2", "K2E1", "K2E2", "K2E4", "K3E1"];

    /// <summary>Null when the measure applies to the catalogue code, else why not. Codes outside the catalogue (local indicators) are the caller's to judge.</summary>
    public static string? Refusal(SteeringMeasure measure, string code)
    {
        var quantity = KpiCatalogue.FindQuantity(code);
        var figure = KpiCatalogue.FindFigure(code);
        return measure switch
        {
            SteeringMeasure.Jfw when !JfwFigures.Contains(code) => $"JFW applies to {string.Join(", ", JfwFigures)}; not to {code}.",
            SteeringMeasure.Jdw when quantity?.Kind != QuantityKind.Stock => $"JDW is the mean of a stock (e.g. lzb_stock); {code} is not a stock.",
            SteeringMeasure.YearToDateSum when quantity?.Kind != QuantityKind.Flow => $"a year-to-date sum needs a flow (e.g. integrations); {code} is not a flow.",
            SteeringMeasure.MonthValue when quantity is null && figure is null => $"{code} is neither a base quantity nor a figure.",
            _ => null,
        };
    }

    public static IReadOnlyList<SteeringPoint> Compute(SteeringMeasure measure, string code, IQuantitySeries quantities, int year, int throughMonth = 12)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        var points = new List<SteeringPoint>(throughMonth);
        for (var m = 1; m <= throughMonth; m++)
        {
            var month = new YearMonth(year, m);
            var (value, numerator, denominator, missing) = Measure(measure, code, quantities, month);
            var (prior, _, _, priorMissing) = Measure(measure, code, quantities, month.AddMonths(-12));
            points.Add(Point(month, value, numerator, denominator, prior, missing ?? (priorMissing is null ? null : "prior year: " + priorMissing)));
        }

        return points;
    }

    /// <summary>The mean of the members' values month by month (and of their prior-year values); the change from those means.</summary>
    public static IReadOnlyList<SteeringPoint> MeanOfMembers(SteeringMeasure measure, string code, IReadOnlyList<IQuantitySeries> members, int year, int throughMonth = 12)
    {
        ArgumentNullException.ThrowIfNull(members);
        var perMember = members.Select(member => Compute(measure, code, member, year, throughMonth)).ToList();
        var points = new List<SteeringPoint>(throughMonth);
        for (var i = 0; i < throughMonth; i++)
        {
            var month = new YearMonth(year, i + 1);
            var missingMember = perMember.FindIndex(p => p[i].Value is null);
            var priorMissingMember = perMember.FindIndex(p => p[i].PriorYearValue is null);
            Rational? value = missingMember < 0 ? Rational.Mean(perMember.Select(p => p[i].Value!.Value).ToList()) : null;
            Rational? prior = priorMissingMember < 0 ? Rational.Mean(perMember.Select(p => p[i].PriorYearValue!.Value).ToList()) : null;
            var missing = missingMember >= 0 ? $"member {missingMember + 1}: {perMember[missingMember][i].Missing}"
                : priorMissingMember >= 0 ? $"member {priorMissingMember + 1}: {perMember[priorMissingMember][i].Missing}" : null;
            points.Add(Point(month, value, null, null, prior, missing));
        }

        return points;
    }

    private static SteeringPoint Point(YearMonth month, Rational? value, Rational? numerator, Rational? denominator, Rational? prior, string? missing)
    {
        Rational? change = value is { } v && prior is { } p && !p.IsZero ? (v / p - Rational.One) * Rational.Hundred : null;
        return new SteeringPoint(month, value, numerator, denominator, prior, change, missing);
    }

    private static (Rational? Value, Rational? Numerator, Rational? Denominator, string? Missing) Measure(
        SteeringMeasure measure, string code, IQuantitySeries quantities, YearMonth month)
    {
        var january = new YearMonth(month.Year, 1);
        switch (measure)
        {
            case SteeringMeasure.Jfw:
            {
                var figure = KpiCatalogue.FindFigure(code) ?? throw new ArgumentException(Refusal(measure, code), nameof(code));
                var flows = Sum(quantities, figure.Quantities[0], january, month, out var missingFlow);
                var stocks = Sum(quantities, figure.Quantities[^1], january.AddMonths(-1), month.AddMonths(-1), out var missingStock);
                if ((missingFlow ?? missingStock) is { } missing)
                {
                    return (null, null, null, missing);
                }

                var meanStock = stocks / month.Month;
                return meanStock.IsZero
                    ? (null, null, null, $"{figure.Quantities[^1]} averages 0 over {january.AddMonths(-1)}..{month.AddMonths(-1)}")
                    : (flows / meanStock * Rational.Hundred, flows, meanStock, null);
            }

            case SteeringMeasure.Jdw:
            {
                var sum = Sum(quantities, code, january, month, out var missing);
                return missing is null ? (sum / month.Month, sum, month.Month, null) : (null, null, null, missing);
            }

            case SteeringMeasure.YearToDateSum:
            {
                var sum = Sum(quantities, code, january, month, out var missing);
                return missing is null ? (sum, null, null, null) : (null, null, null, missing);
            }

            case SteeringMeasure.MonthValue:
                if (KpiCatalogue.FindFigure(code) is { } figureOfMonth)
                {
                    var value = FigureCalculator.Compute(figureOfMonth, quantities, month);
                    return (value.Value, value.Numerator, value.Denominator, value.Missing);
                }

                return quantities.TryGet(code, month, out var stock) ? (stock, null, null, null) : (null, null, null, $"{code} {month} missing");

            default:
                throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown steering measure");
        }
    }

    private static Rational Sum(IQuantitySeries quantities, string code, YearMonth from, YearMonth to, out string? missing)
    {
        missing = null;
        var sum = Rational.Zero;
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            if (!quantities.TryGet(code, month, out var value))
            {
                missing = $"{code} {month} missing";
                return Rational.Zero;
            }

            sum += value;
        }

        return sum;
    }
}
