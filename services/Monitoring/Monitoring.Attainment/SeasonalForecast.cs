using Kpi.Computation;

namespace Monitoring.Attainment;

/// <summary>
/// The year-end value from the month's value and the ratios December / month m of earlier years of the same measure
/// (docs/monitoring-attainment.md). Exact: ratios, median and band are Rationals.
/// </summary>
public static class SeasonalForecast
{
    public const int MaxYearsInPattern = 5;

    /// <param name="earlierYears">Full years of the same measure, oldest first; each indexed January = 0.</param>
    /// <param name="priorYearEnd">The prior year's December value, for the forecast change; null gives no change.</param>
    public static Forecast? Compute(Rational current, int month, IReadOnlyList<IReadOnlyList<SteeringPoint>> earlierYears, Rational? priorYearEnd)
    {
        ArgumentNullException.ThrowIfNull(earlierYears);
        var ratios = new List<Rational>();
        foreach (var year in earlierYears.Reverse().Take(MaxYearsInPattern))
        {
            if (year.Count == 12 && year[month - 1].Value is { IsZero: false } atMonth && year[11].Value is { } december)
            {
                ratios.Add(december / atMonth);
            }
        }

        if (ratios.Count == 0)
        {
            return null;
        }

        ratios.Sort();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
        var (value, low, high) = (current * median, current * ratios[0], current * ratios[^1]);
        if (low > high)
        {
            (low, high) = (high, low);
        }

        return new Forecast(value, low, high, Change(value, priorYearEnd), Change(low, priorYearEnd), Change(high, priorYearEnd), ratios.Count);
    }

    private static Rational? Change(Rational value, Rational? prior) =>
        prior is { IsZero: false } before ? (value - before) * Rational.Hundred / before : null;
}
