using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>K1E3, K1E4, K3E3, K3E4: the mean of the twelve monthly rates m−11..m, stock-weighted by the catalogue's rule.</summary>
public class MeanOfMonthlyRatesTests
{
    // Jan..Jun 2018 1000 ELB, Jul..Dec 3000; 100 intakes every month: rates 10 % six times, 3.33… % six times.
    private static QuantityTable HalfSmallHalfLarge() => new QuantityTable()
        .Steady("elb_stock", "2018-01", "2018-06", 1000)
        .Steady("elb_stock", "2018-07", "2018-12", 3000)
        .Steady("elb_intakes", "2018-01", "2018-12", 100);

    [Fact]
    public void K1E3_stock_weighted_is_the_sum_of_intakes_over_the_sum_of_stocks()
    {
        var value = FigureCalculator.Compute(Figure("K1E3"), HalfSmallHalfLarge(), M("2018-12"));

        // Σ intakes 1200 / Σ stocks (6 × 1000 + 6 × 3000 = 24000) × 100 = 5
        Assert.Equal(AveragingRule.StockWeightedMean, Figure("K1E3").AveragingRule);
        Assert.Equal((Rational)5, value.Value);
        Assert.Equal((Rational)1200, value.Numerator);
        Assert.Equal((Rational)24000, value.Denominator);
    }

    [Fact]
    public void K1E3_simple_mean_is_the_mean_of_the_twelve_monthly_rates()
    {
        var value = FigureCalculator.Compute(Figure("K1E3"), HalfSmallHalfLarge(), M("2018-12"), AveragingRule.SimpleMean);

        // (6 × 100/1000 + 6 × 100/3000) / 12 × 100 = (0.6 + 0.2) / 12 × 100 = 20/3 = 6.666…, not the stock-weighted 5
        Assert.Equal(Fraction(20, 3), value.Value);
        Assert.Equal("6.7", value.Value!.Value.ToDecimalString(1));
    }

    [Fact]
    public void K1E4_divides_each_month_s_exits_by_the_stock_of_the_prior_month()
    {
        var table = new QuantityTable()
            .Steady("elb_stock", "2017-12", "2018-11", 1000)
            .Months("elb_stock", "2018-12", 4000)
            .Steady("elb_exits", "2018-01", "2018-12", 50)
            .Steady("elb_intakes", "2018-01", "2018-12", 50);

        var exitRate = FigureCalculator.Compute(Figure("K1E4"), table, M("2018-12"));
        var intakeRate = FigureCalculator.Compute(Figure("K1E3"), table, M("2018-12"));

        // K1E4: Σ exits 600 / Σ stocks Dec 2017..Nov 2018 (12 × 1000) × 100 = 5
        // K1E3 on the same numbers, same month: 600 / Σ stocks Jan..Dec 2018 (11 × 1000 + 4000 = 15000) × 100 = 4
        Assert.Equal((Rational)5, exitRate.Value);
        Assert.Equal((Rational)12000, exitRate.Denominator);
        Assert.Equal((Rational)4, intakeRate.Value);
    }

    [Fact]
    public void K1E4_simple_mean_uses_the_prior_month_too()
    {
        var table = new QuantityTable()
            .Months("elb_stock", "2017-12", 500)
            .Steady("elb_stock", "2018-01", "2018-11", 1000)
            .Steady("elb_exits", "2018-01", "2018-12", 50);

        // rates: Jan 50/500 = 10 %, Feb..Dec 50/1000 = 5 % → (10 + 11 × 5) / 12 = 65/12 = 5.41666…
        var value = FigureCalculator.Compute(Figure("K1E4"), table, M("2018-12"), AveragingRule.SimpleMean);
        Assert.Equal(Fraction(65, 12), value.Value);
    }

    [Fact]
    public void K3E3_is_the_mean_intake_rate_of_long_term_recipients()
    {
        var table = new QuantityTable()
            .Steady("lzb_stock", "2018-01", "2018-12", 500)
            .Months("lzb_intakes", "2018-01", 4, 6, 8, 12, 10, 10, 10, 10, 10, 10, 10, 20);

        // Σ intakes = 4+6+8+12+10·7+20 = 120 / Σ stocks 6000 × 100 = 2
        Assert.Equal((Rational)2, FigureCalculator.Compute(Figure("K3E3"), table, M("2018-12")).Value);
    }

    [Fact]
    public void K3E4_is_the_mean_exit_rate_of_long_term_recipients_against_the_prior_month()
    {
        var table = new QuantityTable()
            .Months("lzb_stock", "2017-12", 800)
            .Steady("lzb_stock", "2018-01", "2018-12", 400)
            .Steady("lzb_exits", "2018-01", "2018-12", 13);

        // Σ exits 156 / Σ stocks Dec 2017..Nov 2018 (800 + 11 × 400 = 5200) × 100 = 3
        // (same month would be 156 / 4800 × 100 = 3.25)
        Assert.Equal((Rational)3, FigureCalculator.Compute(Figure("K3E4"), table, M("2018-12")).Value);
    }

    [Fact]
    public void Simple_mean_reports_a_month_with_a_stock_of_zero()
    {
        var table = HalfSmallHalfLarge().Months("elb_stock", "2018-03", 0);

        var value = FigureCalculator.Compute(Figure("K1E3"), table, M("2018-12"), AveragingRule.SimpleMean);

        Assert.Null(value.Value);
        Assert.Contains("elb_stock 2018-03", value.Missing);
    }
}
