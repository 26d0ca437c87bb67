using Kpi.Computation;

namespace Monitoring.Attainment;

/// <summary>
/// The year-end value from the month's value and the ratios December / month m of earlier years of the same measure
/// (docs/monitoring-attainment.md). Exact: ratios, median and band are Rationals.
/// </summary>
/// <remarks>
/// The band is a prediction band for the year's own ratio, nominally <see cref="NominalCoveragePercent"/> %: median ratio
/// ± <see cref="BandMultiplier"/>(n) × the range (max − min) of the n ratios. The range estimates the spread of the
/// ratios, and the multiplier turns it into the half-width of an 80 % band for one new year from only n years.
/// </remarks>
public static class SeasonalForecast
{
    public const int MaxYearsInPattern = 5;

    /// <summary>The share of year-ends the band is meant to hold (the backtest measures the real one).</summary>
    public const int NominalCoveragePercent = 80;

    // k(n) = t(0.90; n − 1) × √(1 + 1/n) / d2(n), rounded to two decimals: t the Student quantile of the two-sided 80 %
    // interval, √(1 + 1/n) for predicting a new year rather than the pattern's centre, d2(n) the mean range of n standard
    // normal values (the control-chart constant: range / d2 estimates the standard deviation).
    //   n = 2: 3.0777 × 1.2247 / 1.128 = 3.34;  n = 3: 1.8856 × 1.1547 / 1.693 = 1.29;
    //   n = 4: 1.6377 × 1.1180 / 2.059 = 0.89;  n = 5: 1.5332 × 1.0954 / 2.326 = 0.72.
    private static readonly Rational[] Multipliers = [Rational.Zero, Rational.Zero, new(334, 100), new(129, 100), new(89, 100), new(72, 100)];

    /// <summary>
    /// The factor on the ratios' range that gives the band's half-width for <paramref name="years"/> ratios; 0 for one
    /// ratio (no spread to measure: the band collapses to the forecast).
    /// </summary>
    public static Rational BandMultiplier(int years) => years is >= 1 and <= MaxYearsInPattern
        ? Multipliers[years]
        : throw new ArgumentOutOfRangeException(nameof(years), years, $"Between 1 and {MaxYearsInPattern} years.");

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
        var halfWidth = BandMultiplier(ratios.Count) * (ratios[^1] - ratios[0]);
        // The steering values are counts, sums, averages and rates, never negative: neither is a year-end ratio.
        var lowRatio = median - halfWidth is { Sign: < 0 } ? Rational.Zero : median - halfWidth;
        var (value, low, high) = (current * median, current * lowRatio, current * (median + halfWidth));
        if (low > high)
        {
            (low, high) = (high, low);
        }

        return new Forecast(value, low, high, Change(value, priorYearEnd), Change(low, priorYearEnd), Change(high, priorYearEnd), ratios.Count);
    }

    private static Rational? Change(Rational value, Rational? prior) =>
        prior is { IsZero: false } before ? (value - before) * Rational.Hundred / before : null;
}
