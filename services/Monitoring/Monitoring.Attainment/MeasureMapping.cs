using Kpi.Computation;

namespace Monitoring.Attainment;

public static class MeasureMapping
{
    /// <summary>The steering measure whose December value is the target's year value, and whose months are its path.</summary>
    public static SteeringMeasure SteeringMeasureOf(TargetMeasure measure) => measure switch
    {
        TargetMeasure.CalendarYearValue => SteeringMeasure.Jfw,
        TargetMeasure.AnnualAverage => SteeringMeasure.Jdw,
        TargetMeasure.DecemberValue => SteeringMeasure.MonthValue,
        TargetMeasure.AnnualSum => SteeringMeasure.YearToDateSum,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
    };
}
