using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>One target at one month, as both renderers show it: the numbers and the words around them.</summary>
internal sealed record TargetLine(TargetReport Report, YearMonth Month, MonthAttainment? Attainment, AttainmentStatus Status)
{
    public Target Target => Report.Target;

    public ValueFormat Format => Report.ValueFormat;

    public bool IsRelative => Target.Comparison == Comparison.RelativeChangePercent;

    public static TargetLine At(TargetReport report, YearMonth month)
    {
        var attainment = report.At(month);
        var status = report.Target.Kind == GoalKind.Qualitative ? AttainmentStatus.NotAssessable
            : attainment?.Status ?? AttainmentStatus.NoData;
        return new TargetLine(report, month, attainment, status);
    }

    /// <summary>Gaps of relative targets, and of levels in %, are percentage points.</summary>
    public string? GapUnit => IsRelative || Format.IsPercent ? "Pp." : Format.Unit;

    public int GapDecimals => IsRelative ? 1 : Format.Decimals;

    /// <summary>"≥ +2,1 % ggü. Vorjahr", "≤ 3.600"; null without a target value.</summary>
    public string? TargetText(NumberStyle style)
    {
        if (Target.Kind != GoalKind.Quantitative || Target.TargetValue is not { } goal)
        {
            return null;
        }

        var relation = Target.Direction == Direction.AtLeast ? "≥" : "≤";
        return IsRelative
            ? $"{relation} {GermanNumbers.Change(goal, style)} ggü. Vorjahr"
            : $"{relation} {GermanNumbers.WithUnit(goal, Format.Decimals, Format.Unit, style)}";
    }

    /// <summary>The forecast in the target's terms (the change for relative targets, the value for levels) with its band.</summary>
    public (Rational Value, Rational Low, Rational High)? ForecastInTargetTerms() => Attainment?.Forecast switch
    {
        null => null,
        { } f when !IsRelative => (f.Value, f.Low, f.High),
        { ChangePercent: { } c, LowChangePercent: { } l, HighChangePercent: { } h } => (c, l, h),
        _ => null,
    };

    public string FormatInTargetTerms(Rational value, NumberStyle style) => IsRelative
        ? GermanNumbers.Change(value, style)
        : GermanNumbers.WithUnit(value, Format.Decimals, Format.Unit, style);
}
