namespace Kpi.Computation.Tests;

public class RefusalTests
{
    [Theory]
    [InlineData(SteeringMeasure.Jfw, "K3")]              // a change figure has no JFW
    [InlineData(SteeringMeasure.Jfw, "K1E3")]
    [InlineData(SteeringMeasure.Jfw, "integrations")]
    [InlineData(SteeringMeasure.Jdw, "integrations")]    // the mean of a flow is no JDW
    [InlineData(SteeringMeasure.Jdw, "K2")]
    [InlineData(SteeringMeasure.YearToDateSum, "lzb_stock")]   // a stock is not summed over months
    [InlineData(SteeringMeasure.MonthValue, "integrations")]  // a flow's month is no steering value; its year-to-date sum is
    [InlineData(SteeringMeasure.Jfw, "local.jc-05554.vermittlungen")]
    public void Refuses_measures_that_do_not_apply(SteeringMeasure measure, string code)
    {
        var refusal = SteeringCalculator.Refusal(measure, code);

        Assert.NotNull(refusal);
        Assert.Contains(code, refusal);
    }

    [Theory]
    [InlineData(SteeringMeasure.Jfw, "K2")]
    [InlineData(SteeringMeasure.Jfw, "K2E1")]
    [InlineData(SteeringMeasure.Jfw, "K2E2")]
    [InlineData(SteeringMeasure.Jfw, "K2E4")]
    [InlineData(SteeringMeasure.Jfw, "K3E1")]
    [InlineData(SteeringMeasure.Jdw, "lzb_stock")]
    [InlineData(SteeringMeasure.Jdw, "elb_stock")]
    [InlineData(SteeringMeasure.YearToDateSum, "integrations")]
    [InlineData(SteeringMeasure.MonthValue, "lzb_stock")]
    [InlineData(SteeringMeasure.MonthValue, "K3")]
    [InlineData(SteeringMeasure.MonthValue, "K2E3")]
    [InlineData(SteeringMeasure.Jdw, "local.jc-05554.vermittlungen")]          // a local indicator's kind is the caller's to judge
    [InlineData(SteeringMeasure.YearToDateSum, "local.jc-05554.vermittlungen")]
    public void Accepts_measures_that_apply(SteeringMeasure measure, string code)
    {
        Assert.Null(SteeringCalculator.Refusal(measure, code));
    }

    [Fact]
    public void Computing_a_JFW_of_a_code_that_is_no_figure_throws_with_the_refusal()
    {
        var error = Assert.Throws<ArgumentException>(() => SteeringCalculator.Compute(SteeringMeasure.Jfw, "lzb_stock", new QuantityTable(), 2018));

        Assert.Contains("lzb_stock", error.Message);
    }
}
