using static Monitoring.Attainment.Tests.Crafted;

namespace Monitoring.Attainment.Tests;

public class ModelTests
{
    [Theory]
    [InlineData(TargetMeasure.CalendarYearValue, "K2", SteeringMeasure.Jfw)]
    [InlineData(TargetMeasure.AnnualAverage, "elb_stock", SteeringMeasure.Jdw)]
    [InlineData(TargetMeasure.DecemberValue, "elb_stock", SteeringMeasure.MonthValue)]
    [InlineData(TargetMeasure.AnnualSum, "integrations", SteeringMeasure.YearToDateSum)]
    // Twelve-month values in every month already: December's value is the calendar year's.
    [InlineData(TargetMeasure.CalendarYearValue, "K2E3", SteeringMeasure.MonthValue)]
    [InlineData(TargetMeasure.CalendarYearValue, "K1E3", SteeringMeasure.MonthValue)]
    [InlineData(TargetMeasure.CalendarYearValue, "local.jc-05554.bedarfsdeckende-integrationen", SteeringMeasure.MonthValue)]
    public void Each_measure_maps_to_its_steering_measure(TargetMeasure measure, string code, SteeringMeasure expected) =>
        Assert.Equal(expected, MeasureMapping.SteeringMeasureOf(measure, new Indicator(code)));

    [Theory]
    [InlineData("1224", AttainmentStatus.Achieved)] // 12 × 102 = 1224 ≥ 1224, at the edge
    [InlineData("1225", AttainmentStatus.Missed)]
    public void Absolute_count_compares_the_value_not_the_change(string goal, AttainmentStatus expected)
    {
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "102");
        var december = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, goal, Comparison.AbsoluteLevel), table).Months[11];
        Assert.Equal(R("1224") - R(goal), december.Gap);
        Assert.Equal(expected, december.Status);
    }

    [Fact]
    public void K2_exactly_at_prior_year_in_October_is_on_track()
    {
        // No earlier years: the band is the current change, exactly 0.0 % → meets "≥ 0.0" → OnTrack, gap 0.
        var table = new QuantityTable().Fill("elb_stock", 2016, "1000", 12, 12).Fill("elb_stock", 2017, "1000").Fill("elb_stock", 2018, "1000")
            .Fill("integrations", 2017, "10").Fill("integrations", 2018, "10");
        var october = Evaluate(Target("K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "0.0"), table, throughMonth: 10).Months[9];
        Assert.Equal(Rational.Zero, october.Gap);
        Assert.Equal(AttainmentStatus.OnTrack, october.Status);
    }
}
