using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>K1, K1E1, K1E2, K3: (quantity m / quantity m−12 − 1) × 100.</summary>
public class ChangeFigureTests
{
    [Fact]
    public void K1_is_the_change_of_living_cost_benefits_against_the_same_month_of_the_prior_year()
    {
        var table = new QuantityTable()
            .Months("living_cost_benefits", "2017-03", 1000)
            .Months("living_cost_benefits", "2018-02", 9999, 1050);

        var value = FigureCalculator.Compute(Figure("K1"), table, M("2018-03"));

        // (1050 / 1000 − 1) × 100 = 5; February (9999) is not read
        Assert.Equal((Rational)5, value.Value);
        Assert.Equal((Rational)1050, value.Numerator);
        Assert.Equal((Rational)1000, value.Denominator);
        Assert.Null(value.Missing);
    }

    [Fact]
    public void K1E1_is_the_change_of_housing_benefits()
    {
        var table = new QuantityTable()
            .Months("housing_benefits", "2017-03", 1200)
            .Months("housing_benefits", "2018-03", 960);

        // (960 / 1200 − 1) × 100 = (0.8 − 1) × 100 = −20
        Assert.Equal((Rational)(-20), FigureCalculator.Compute(Figure("K1E1"), table, M("2018-03")).Value);
    }

    [Fact]
    public void K1E2_is_the_change_of_the_ELB_stock()
    {
        var table = new QuantityTable()
            .Months("elb_stock", "2017-06", 10_000)
            .Months("elb_stock", "2018-06", 10_125);

        // (10125 / 10000 − 1) × 100 = 1.25
        Assert.Equal(R("1.25"), FigureCalculator.Compute(Figure("K1E2"), table, M("2018-06")).Value);
    }

    [Fact]
    public void K3_is_the_change_of_the_LZB_stock()
    {
        var table = new QuantityTable()
            .Months("lzb_stock", "2017-12", 6500)
            .Months("lzb_stock", "2018-12", 6435);

        // (6435 / 6500 − 1) × 100 = (0.99 − 1) × 100 = −1
        Assert.Equal((Rational)(-1), FigureCalculator.Compute(Figure("K3"), table, M("2018-12")).Value);
    }
}
