using Kpi.Computation;

namespace Monitoring.Attainment;

/// <summary>
/// The year-end value forecast at a month: current × median ratio; the band current × (median ± k(n) × (max − min)) of
/// the n ratios, a nominal 80 % band (<see cref="SeasonalForecast.BandMultiplier"/>); one ratio gives no band.
/// </summary>
public sealed record Forecast(Rational Value, Rational Low, Rational High, Rational? ChangePercent, Rational? LowChangePercent,
    Rational? HighChangePercent, int YearsInPattern);

/// <param name="Gap">In the target's terms: the change minus the target change (percentage points), or the value
/// minus the target level; positive is above the target.</param>
public sealed record MonthAttainment(YearMonth Month, Rational? Value, Rational? PriorYearValue, Rational? ChangePercent,
    Rational? Gap, Forecast? Forecast, AttainmentStatus Status, string? Missing);

public sealed record AttainmentResult(Target Target, Provenance Provenance, int Year, IReadOnlyList<MonthAttainment> Months)
{
    public MonthAttainment? Latest => Months.Count == 0 ? null : Months[^1];
}
