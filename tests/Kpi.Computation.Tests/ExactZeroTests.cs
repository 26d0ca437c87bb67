using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>"K3 = 0,0 %": a target of no change is met only when the change is exactly zero.</summary>
public class ExactZeroTests
{
    [Fact]
    public void JDW_of_LZB_equal_to_the_prior_year_is_a_change_of_exactly_zero()
    {
        // the same twelve stocks in another order: both means are 78000 / 12 = 6500
        var table = new QuantityTable()
            .Months("lzb_stock", "2017-01", 6400, 6450, 6500, 6550, 6600, 6500, 6500, 6480, 6520, 6490, 6510, 6500)
            .Months("lzb_stock", "2018-01", 6600, 6550, 6500, 6450, 6400, 6500, 6500, 6520, 6480, 6510, 6490, 6500);

        var december = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", table, 2018)[11];

        Assert.Equal((Rational)6500, december.Value);
        Assert.Equal(december.Value, december.PriorYearValue);
        Assert.Equal(Rational.Zero, december.ChangePercent);
        Assert.Equal("0.0", december.ChangePercent!.Value.ToDecimalString(1));
        Assert.Equal("0", december.ChangePercent!.Value.ToExactString());
    }

    [Fact]
    public void Sums_of_decimals_that_binary_floating_point_gets_wrong_change_by_exactly_zero()
    {
        // 0.1 + 0.2 (2018) against 0.3 + 0 (2017): in doubles 0.30000000000000004 / 0.3 − 1 ≠ 0
        var doubleChange = ((0.1 + 0.2) / 0.3 - 1) * 100;
        Assert.NotEqual(0.0, doubleChange);
        var table = new QuantityTable()
            .Decimals("living_cost_benefits", "2017-01", "0.3", "0")
            .Decimals("living_cost_benefits", "2018-01", "0.1", "0.2");

        var february = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "living_cost_benefits", table, 2018, throughMonth: 2)[1];

        Assert.Equal(R("0.3"), february.Value);
        Assert.Equal(Rational.Zero, february.ChangePercent);
    }

    [Fact]
    public void Means_of_decimals_that_binary_floating_point_gets_wrong_change_by_exactly_zero()
    {
        // JDW Feb: (0.1 + 0.7) / 2 = 0.4 against (0.4 + 0.4) / 2 = 0.4; in doubles 0.39999999999999997 / 0.4 − 1 ≠ 0
        var doubleChange = ((0.1 + 0.7) / 2 / ((0.4 + 0.4) / 2) - 1) * 100;
        Assert.NotEqual(0.0, doubleChange);
        var table = new QuantityTable()
            .Decimals("lzb_stock", "2017-01", "0.4", "0.4")
            .Decimals("lzb_stock", "2018-01", "0.1", "0.7");

        var february = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", table, 2018, throughMonth: 2)[1];

        Assert.Equal(R("0.4"), february.Value);
        Assert.Equal(Rational.Zero, february.ChangePercent);
    }

    [Fact]
    public void A_mean_of_thirds_is_kept_exact()
    {
        // JDW Mar: (10 + 10 + 11) / 3 = 31/3 against (11 + 10 + 10) / 3 = 31/3 → exactly 0; the value itself prints with ten decimals
        var table = new QuantityTable()
            .Months("elb_stock", "2017-01", 11, 10, 10)
            .Months("elb_stock", "2018-01", 10, 10, 11);

        var march = SteeringCalculator.Compute(SteeringMeasure.Jdw, "elb_stock", table, 2018, throughMonth: 3)[2];

        Assert.Equal(Fraction(31, 3), march.Value);
        Assert.Equal("10.3333333333", march.Value!.Value.ToExactString());
        Assert.Equal(Rational.Zero, march.ChangePercent);
    }
}
