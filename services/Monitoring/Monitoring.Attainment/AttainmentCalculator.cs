using Kpi.Computation;

namespace Monitoring.Attainment;

public static class AttainmentCalculator
{
    /// <summary>
    /// Per month of <paramref name="points"/> (January..the last month with data, from <see cref="SteeringCalculator"/>
    /// with the target's <see cref="Target.SteeringMeasure"/>, already for the target's scope): value, prior-year
    /// comparison, gap, forecast and status. December with a value gives Achieved / Missed.
    /// </summary>
    /// <param name="earlierYears">The earlier years' full series of the same measure, oldest first, the prior year last.</param>
    public static AttainmentResult Evaluate(Target target, IReadOnlyList<SteeringPoint> points,
        IReadOnlyList<IReadOnlyList<SteeringPoint>> earlierYears, Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(earlierYears);
        ArgumentNullException.ThrowIfNull(provenance);
        var year = points.Count > 0 ? points[0].Month.Year : 0;
        var priorYearEnd = points.Count == 12 ? points[11].PriorYearValue
            : earlierYears.Count > 0 && earlierYears[^1] is { Count: 12 } prior && prior[11].Month.Year == year - 1 ? prior[11].Value : null;
        var months = points.Select(p => EvaluateMonth(target, p, earlierYears, priorYearEnd)).ToList();
        return new AttainmentResult(target, provenance, year, months);
    }

    private static MonthAttainment EvaluateMonth(Target target, SteeringPoint point, IReadOnlyList<IReadOnlyList<SteeringPoint>> earlierYears,
        Rational? priorYearEnd)
    {
        if (target.Kind == GoalKind.Qualitative)
        {
            return new MonthAttainment(point.Month, null, null, null, null, null, AttainmentStatus.NotAssessable, null);
        }

        var measured = target.Comparison == Comparison.RelativeChangePercent ? point.ChangePercent : point.Value;
        var forecast = point.Value is { } value && point.Month.Month < 12
            ? SeasonalForecast.Compute(value, point.Month.Month, earlierYears, priorYearEnd)
            : null;
        if (target.Kind == GoalKind.Observation || target.TargetValue is not { } goal)
        {
            var observed = point.Value is null ? AttainmentStatus.NoData : AttainmentStatus.Observed;
            return new MonthAttainment(point.Month, point.Value, point.PriorYearValue, point.ChangePercent, null, forecast, observed, point.Missing);
        }

        if (measured is not { } actual)
        {
            return new MonthAttainment(point.Month, point.Value, point.PriorYearValue, point.ChangePercent, null, forecast, AttainmentStatus.NoData,
                point.Missing);
        }

        var status = point.Month.Month == 12
            ? Meets(target, actual, goal, Rational.Zero) ? AttainmentStatus.Achieved : AttainmentStatus.Missed
            : DuringYear(target, goal, actual, forecast);
        return new MonthAttainment(point.Month, point.Value, point.PriorYearValue, point.ChangePercent, actual - goal, forecast, status, point.Missing);
    }

    // Without a seasonal pattern the band collapses to the current value: the naive comparison, the best there is.
    private static AttainmentStatus DuringYear(Target target, Rational goal, Rational actual, Forecast? forecast)
    {
        var (low, high) = forecast is null ? (actual, actual)
            : target.Comparison == Comparison.RelativeChangePercent
                ? (forecast.LowChangePercent, forecast.HighChangePercent) is ({ } l, { } h) ? (l, h) : (actual, actual)
                : (forecast.Low, forecast.High);
        var (unfavourable, favourable) = target.Direction == Direction.AtLeast ? (low, high) : (high, low);
        if (Meets(target, unfavourable, goal, target.TolerancePoints))
        {
            return AttainmentStatus.OnTrack;
        }

        return Meets(target, favourable, goal, target.TolerancePoints) ? AttainmentStatus.AtRisk : AttainmentStatus.OffTrack;
    }

    /// <summary>Whether <paramref name="actual"/> meets the goal; the edge itself meets it (0.0 % vs "≥ 0.0").</summary>
    public static bool Meets(Target target, Rational actual, Rational goal, Rational tolerance) => target.Direction == Direction.AtLeast
        ? actual >= goal - tolerance
        : actual <= goal + tolerance;
}
