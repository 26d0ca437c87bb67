namespace Kpi.Computation.Tests.Steering;

public class RefusalTests
{
    [Fact]
    public void The_JFW_applies_to_the_K2_form_figures_only()
    {
        Assert.Equal("JFW applies to K2, K2E1, K2E2, K2E4, K3E1; not to K3", SteeringCalculator.Refusal(SteeringMeasure.Jfw, "K3"));
        Assert.NotNull(SteeringCalculator.Refusal(SteeringMeasure.Jfw, "integrations"));
        Assert.All(new[] { "K2", "K2E1", "K2E2", "K2E4", "K3E1" }, code => Assert.Null(SteeringCalculator.Refusal(SteeringMeasure.Jfw, code)));
    }

    [Theory]
    [InlineData(SteeringMeasure.Jdw, "integrations", "JDW applies to the stocks elb_stock, single_parents_stock, lzb_stock, lzb_in_measures; not to integrations")]
    [InlineData(SteeringMeasure.Jdw, "K2", "JDW applies to the stocks elb_stock, single_parents_stock, lzb_stock, lzb_in_measures; not to K2")]
    [InlineData(SteeringMeasure.YearToDateSum, "elb_stock", "not to elb_stock")]
    [InlineData(SteeringMeasure.MonthValue, "integrations", "not to the flow integrations (its year-to-date sum does)")]
    public void Other_measures_refuse_the_wrong_kind_of_code(SteeringMeasure measure, string code, string expected)
    {
        var refusal = SteeringCalculator.Refusal(measure, code);

        Assert.NotNull(refusal);
        Assert.EndsWith(expected, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SteeringMeasure.Jdw, "lzb_stock")]
    [InlineData(SteeringMeasure.Jdw, "elb_stock")]
    [InlineData(SteeringMeasure.YearToDateSum, "integrations")]
    [InlineData(SteeringMeasure.YearToDateSum, "living_cost_benefits")]
    [InlineData(SteeringMeasure.MonthValue, "lzb_stock")]
    [InlineData(SteeringMeasure.MonthValue, "K1E3")]
    [InlineData(SteeringMeasure.Jdw, "local.jc-05554.vermittlungen-schwerbehinderte")]
    public void Applies_where_the_measure_fits(SteeringMeasure measure, string code) => Assert.Null(SteeringCalculator.Refusal(measure, code));

    [Fact]
    public void Computing_a_refused_measure_throws_with_the_refusal()
    {
        var error = Assert.Throws<ArgumentException>(() => SteeringCalculator.Compute(SteeringMeasure.Jfw, "K3", new QuantityTable(), 2018));

        Assert.StartsWith("JFW applies to K2, K2E1, K2E2, K2E4, K3E1; not to K3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", new QuantityTable(), 2018, throughMonth: 13));
    }
}
