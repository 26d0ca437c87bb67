using Kpi.Computation;

namespace Monitoring.Attainment;

public enum IndicatorPart { Value, Numerator, Denominator }

/// <summary>How the year's value of the indicator is formed (the contract's Measure).</summary>
public enum TargetMeasure
{
    /// <summary>The December JFW of a K2-form figure.</summary>
    CalendarYearValue,
    /// <summary>The JDW of a stock in December.</summary>
    AnnualAverage,
    /// <summary>The stock in December ("Dezember t-0").</summary>
    DecemberValue,
    /// <summary>The sum January..December of a flow.</summary>
    AnnualSum,
}

public enum Comparison { RelativeChangePercent, AbsoluteLevel }

public enum Direction { AtLeast, AtMost }

public enum DataBasis { Final, T0 }

public enum Sex { Total, Women, Men }

public enum GoalKind { Quantitative, Observation, Qualitative }

public enum Aggregation { SingleJobcenter, Pooled, MeanOfMembers }

/// <summary>Who the target is for; carried only: the steering values arrive already computed for the scope.</summary>
public sealed record Scope(Aggregation Aggregation, IReadOnlyList<string> Jobcenters);

/// <param name="Code">A K-figure id, a base quantity or a local indicator code.</param>
public sealed record Indicator(string Code, IndicatorPart Part = IndicatorPart.Value);

/// <param name="TargetValue">The change in % or the absolute level; null for observations and qualitative goals.</param>
/// <param name="TolerancePoints">How far the forecast band may fall short and still count as on track (percentage
/// points for a change, units for a level); per agreement, default 0.</param>
public sealed record Target(
    string Id,
    GoalKind Kind,
    Indicator Indicator,
    TargetMeasure Measure,
    Comparison Comparison,
    Direction Direction,
    Rational? TargetValue,
    DataBasis Basis,
    Sex Sex,
    Scope Scope,
    string Wording,
    Rational TolerancePoints = default)
{
    public SteeringMeasure SteeringMeasure => MeasureMapping.SteeringMeasureOf(Measure, Indicator);
}
