namespace Monitoring.Attainment.Tests;

internal static class Crafted
{
    public static readonly Provenance Inputs = new("agreement-borken-2018", 3, ["delivery-2018-12-final"]);

    public static readonly Scope Borken = new(Aggregation.SingleJobcenter, ["05554"]);

    public static Target Target(string code, TargetMeasure measure, Direction direction, string? goal,
        Comparison comparison = Comparison.RelativeChangePercent, GoalKind kind = GoalKind.Quantitative, DataBasis basis = DataBasis.Final,
        Scope? scope = null, string tolerance = "0") =>
        new($"{code}-{measure}", kind, new Indicator(code), measure, comparison, direction, goal is null ? null : Rational.Parse(goal), basis,
            Sex.Total, scope ?? Borken, $"{code} {direction} {goal}", Rational.Parse(tolerance));

    /// <summary>Sets <paramref name="code"/> to <paramref name="value"/> for every month of the years (and December before).</summary>
    public static QuantityTable Fill(this QuantityTable table, string code, int year, string value, int fromMonth = 1, int toMonth = 12)
    {
        for (var m = fromMonth; m <= toMonth; m++)
        {
            table.Set(code, new YearMonth(year, m), Rational.Parse(value));
        }

        return table;
    }

    public static AttainmentResult Evaluate(Target target, IQuantitySeries table, int year = 2018, int throughMonth = 12) =>
        AttainmentCalculator.Evaluate(target, SteeringCalculator.Compute(target.SteeringMeasure, target.Indicator.Code, table, year, throughMonth),
            [], Inputs);

    public static Rational R(string text) => Rational.Parse(text);
}
