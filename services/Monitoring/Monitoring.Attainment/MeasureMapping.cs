using Kpi.Computation;

namespace Monitoring.Attainment;

public static class MeasureMapping
{
    /// <summary>
    /// The steering measure whose December value is the target's year value, and whose months are its path. A
    /// calendar-year value is the JFW of the K2-form figures; a figure that is a twelve-month value in every month
    /// already (K2E3's ratio of twelve-month sums, the twelve-month mean rates) and a local indicator, which the
    /// jobcenter reports as it stands, are read as the month's own value — December's is the calendar year's.
    /// </summary>
    public static SteeringMeasure SteeringMeasureOf(TargetMeasure measure, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return measure switch
        {
            TargetMeasure.CalendarYearValue when IsTwelveMonthValue(indicator) => SteeringMeasure.MonthValue,
            TargetMeasure.CalendarYearValue => SteeringMeasure.Jfw,
            TargetMeasure.AnnualAverage => SteeringMeasure.Jdw,
            TargetMeasure.DecemberValue => SteeringMeasure.MonthValue,
            TargetMeasure.AnnualSum => SteeringMeasure.YearToDateSum,
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
        };
    }

    private static bool IsTwelveMonthValue(Indicator indicator)
    {
        if (indicator.Code.StartsWith(LocalIndicatorPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        return indicator.Part == IndicatorPart.Value
            && KpiCatalogue.FindFigure(indicator.Code)?.Form is FigureForm.RatioOfTwelveMonthSums or FigureForm.MeanOfMonthlyRates;
    }

    /// <summary>Local indicators are the KPI service's codes <c>local.&lt;jobcenter&gt;.&lt;id&gt;</c>.</summary>
    public const string LocalIndicatorPrefix = "local.";
}
