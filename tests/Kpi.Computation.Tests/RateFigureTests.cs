using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>K2, K2E1, K2E2, K2E4, K3E1: Σ flow m−11..m / mean stock m−12..m−1 × 100.</summary>
public class RateFigureTests
{
    [Fact]
    public void K2_divides_the_integrations_of_twelve_months_by_the_mean_ELB_stock_lagged_one_month()
    {
        var table = new QuantityTable()
            .Steady("integrations", "2018-01", "2018-12", 20)
            .Steady("elb_stock", "2017-12", "2018-11", 1000)
            .Months("elb_stock", "2018-12", 2200);

        var value = FigureCalculator.Compute(Figure("K2"), table, M("2018-12"));

        // 12 × 20 = 240 integrations Jan..Dec 2018 / mean ELB Dec 2017..Nov 2018 (12 × 1000 / 12 = 1000) × 100 = 24.
        // Without the lag (Jan..Dec 2018): (11 × 1000 + 2200) / 12 = 1100 and 240 / 1100 × 100 = 21.8181…
        Assert.Equal((Rational)24, value.Value);
        Assert.Equal((Rational)240, value.Numerator);
        Assert.Equal((Rational)1000, value.Denominator);
    }

    [Fact]
    public void K2_reads_the_stock_of_the_prior_December_and_not_of_the_month_itself()
    {
        var table = new QuantityTable()
            .Steady("integrations", "2018-01", "2018-12", 20)
            .Months("elb_stock", "2017-12", 2200)
            .Steady("elb_stock", "2018-01", "2018-11", 1000);

        // mean ELB Dec 2017..Nov 2018 = (2200 + 11 × 1000) / 12 = 13200 / 12 = 1100; 240 / 1100 × 100 = 240/11 = 21.8181…
        // (without the lag Dec 2018 would be read, and it is not in the table)
        var value = FigureCalculator.Compute(Figure("K2"), table, M("2018-12"));
        Assert.Equal(Fraction(240, 11), value.Value);
        Assert.Equal("21.8", value.Value!.Value.ToDecimalString(1));
    }

    [Fact]
    public void K2E1_is_the_rate_of_entries_into_marginal_employment()
    {
        var table = new QuantityTable()
            .Months("entries_marginal_employment", "2017-07", 2, 3, 4, 5, 6, 7, 8, 5, 5, 5, 5, 5)
            .Steady("elb_stock", "2017-06", "2018-05", 1200);

        // Σ Jul 2017..Jun 2018 = 2+3+4+5+6+7+8+5·5 = 60; 60 / 1200 × 100 = 5
        Assert.Equal((Rational)5, FigureCalculator.Compute(Figure("K2E1"), table, M("2018-06")).Value);
    }

    [Fact]
    public void K2E2_is_the_rate_of_entries_into_publicly_funded_employment()
    {
        var table = new QuantityTable()
            .Steady("entries_funded_employment", "2017-07", "2018-06", 3)
            .Months("elb_stock", "2017-06", 1100, 1300)
            .Steady("elb_stock", "2017-08", "2018-05", 1200);

        // 12 × 3 = 36; mean ELB Jun 2017..May 2018 = (1100 + 1300 + 10 × 1200) / 12 = 14400 / 12 = 1200; 36 / 1200 × 100 = 3
        Assert.Equal((Rational)3, FigureCalculator.Compute(Figure("K2E2"), table, M("2018-06")).Value);
    }

    [Fact]
    public void K2E4_is_the_integration_rate_of_single_parents()
    {
        var table = new QuantityTable()
            .Steady("integrations_single_parents", "2018-01", "2018-12", 10)
            .Steady("single_parents_stock", "2017-12", "2018-11", 400)
            .Steady("elb_stock", "2017-12", "2018-11", 99_999);

        // 12 × 10 = 120 / mean single parents 400 × 100 = 30 (the ELB stock is not the denominator)
        Assert.Equal((Rational)30, FigureCalculator.Compute(Figure("K2E4"), table, M("2018-12")).Value);
    }

    [Fact]
    public void K3E1_is_the_integration_rate_of_long_term_recipients()
    {
        var table = new QuantityTable()
            .Steady("integrations_lzb", "2018-01", "2018-12", 13)
            .Steady("lzb_stock", "2017-12", "2018-11", 650);

        // 12 × 13 = 156 / 650 × 100 = 24
        Assert.Equal((Rational)24, FigureCalculator.Compute(Figure("K3E1"), table, M("2018-12")).Value);
    }
}
