using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>
/// Where the steering value would stand, month by month, if the year went exactly to target — the line a chart draws
/// the year's values against (docs/monitoring-report.md § Target path):
/// a relative target of t % gives the prior year's value at the same month × (1 + t / 100), so its December point is
/// the target itself and the months before follow the prior year's seasonal course; an absolute level is that level at
/// every month. Only December is judged; the months before are a guide.
/// </summary>
public static class TargetPath
{
    /// <param name="priorYearByMonth">The prior year's value of the same measure, January..December (null where unknown).</param>
    /// <returns>Twelve values, null where the prior-year value is unknown, and all null without a target value.</returns>
    public static IReadOnlyList<Rational?> Of(Target target, IReadOnlyList<Rational?> priorYearByMonth)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(priorYearByMonth);
        if (priorYearByMonth.Count != 12)
        {
            throw new ArgumentException("The prior year has twelve months.", nameof(priorYearByMonth));
        }

        if (target.Kind != GoalKind.Quantitative || target.TargetValue is not { } goal)
        {
            return new Rational?[12];
        }

        if (target.Comparison == Comparison.AbsoluteLevel)
        {
            return Enumerable.Repeat<Rational?>(goal, 12).ToList();
        }

        var factor = Rational.One + goal / Rational.Hundred;
        return priorYearByMonth.Select(prior => prior * factor).ToList();
    }
}
