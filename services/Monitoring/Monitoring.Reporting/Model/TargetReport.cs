using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>One target or observation of the agreement with its attainment for the year.</summary>
/// <param name="Goal">The goal it belongs to, e.g. "II. Verbesserung der Integration in Erwerbstätigkeit".</param>
/// <param name="Result">From <see cref="AttainmentCalculator.Evaluate"/>; the target's wording is <c>Result.Target.Wording</c>.</param>
/// <param name="PriorYear">The prior year's twelve months of the same measure, for the chart's prior-year line and the target
/// path through December; without it only the months of <paramref name="Result"/> have prior-year values.</param>
/// <param name="IndicatorName">How the indicator is called in the report; default: the catalogue's German name with the code.</param>
/// <param name="Format">How values are written; default from the catalogue (figures: 1 decimal in %, quantities: whole numbers).</param>
public sealed record TargetReport(
    string Goal,
    AttainmentResult Result,
    IReadOnlyList<SteeringPoint>? PriorYear = null,
    string? IndicatorName = null,
    ValueFormat? Format = null)
{
    public Target Target => Result.Target;

    public ValueFormat ValueFormat => Format ?? ValueFormat.For(Target.Indicator.Code);

    public string Indicator => IndicatorName ?? DefaultIndicatorName(Target.Indicator.Code);

    /// <summary>The result's month equal to <paramref name="month"/>, or null when it has none.</summary>
    public MonthAttainment? At(YearMonth month) => Result.Months.FirstOrDefault(m => m.Month == month);

    /// <summary>The prior-year value at each month January..December: from <see cref="PriorYear"/>, else from the result.</summary>
    public IReadOnlyList<Rational?> PriorYearByMonth()
    {
        var values = new Rational?[12];
        foreach (var month in Result.Months)
        {
            values[month.Month.Month - 1] = month.PriorYearValue;
        }

        foreach (var point in PriorYear ?? [])
        {
            values[point.Month.Month - 1] = point.Value;
        }

        return values;
    }

    private static string DefaultIndicatorName(string code) =>
        KpiCatalogue.FindFigure(code) is { } figure ? $"{figure.NameDe} ({figure.Id})"
        : KpiCatalogue.FindQuantity(code) is { } quantity ? quantity.NameDe
        : code;
}

/// <param name="Decimals">Digits after the comma of values and levels.</param>
/// <param name="Unit">Written after the number with a narrow no-break space ("%", "€"); null for counts of people.</param>
public sealed record ValueFormat(int Decimals, string? Unit)
{
    public static ValueFormat Percent { get; } = new(1, "%");

    public static ValueFormat Count { get; } = new(0, null);

    public static ValueFormat Euro { get; } = new(0, "€");

    /// <summary>Key figures are rates in %, base quantities counts (or EUR sums); local codes count.</summary>
    public static ValueFormat For(string code) =>
        KpiCatalogue.FindFigure(code) is not null ? Percent
        : KpiCatalogue.FindQuantity(code) is { Unit: "EUR" } ? Euro
        : Count;

    /// <summary>Whether values are in %: their differences are then percentage points.</summary>
    public bool IsPercent => Unit == "%";
}
