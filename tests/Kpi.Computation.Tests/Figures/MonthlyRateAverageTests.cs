using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Figures;

public class MonthlyRateAverageTests
{
    private static readonly YearMonth December2017 = new(2017, 12);

    // K1E3 over 2017-01..2017-12: six months of 10 intakes at a stock of 100 (10 %), six of 20 intakes at 400 (5 %).
    // Stock-weighted: Σ intakes / Σ stocks = (60 + 120) / (600 + 2,400) = 180 / 3,000 = 6 %.
    // Simple mean of the rates: (6·10 % + 6·5 %) / 12 = 7.5 %.
    internal static QuantityTable IntakeExample() => new QuantityTable()
        .Fill("elb_intakes", "2017-01", 10, 20, 10, 20, 10, 20, 10, 20, 10, 20, 10, 20)
        .Fill("elb_stock", "2017-01", 100, 400, 100, 400, 100, 400, 100, 400, 100, 400, 100, 400);

    [Fact]
    public void K1E3_by_the_stock_weighted_rule_is_the_ratio_of_the_sums()
    {
        var k1e3 = FigureCalculator.Compute(Figure("K1E3"), IntakeExample(), December2017);

        Assert.Equal(R(6, 1), k1e3.Value);
        Assert.Equal(R(180, 1), k1e3.Numerator);
        Assert.Equal(R(3_000, 1), k1e3.Denominator);
    }

    [Fact]
    public void K1E3_by_the_simple_mean_is_the_mean_of_the_monthly_rates()
    {
        var k1e3 = FigureCalculator.Compute(Figure("K1E3"), IntakeExample(), December2017, AveragingRule.SimpleMean);

        Assert.Equal(R("7.5"), k1e3.Value);
        Assert.Null(k1e3.Numerator);
    }

    [Fact]
    public void K1E3_divides_by_the_stock_of_the_same_month()
    {
        var table = IntakeExample();
        table.Set("elb_stock", new YearMonth(2016, 12), 1);   // the prior month's stock: not used by K1E3

        Assert.Equal(R(6, 1), FigureCalculator.Compute(Figure("K1E3"), table, December2017).Value);
    }

    // K1E4 over 2017-01..2017-12: 10 exits every month; the ELB stock is 200 in 2016-12 and 100 in 2017-01..2017-12.
    // Each month's exits over the PRIOR month's stock: Σ stocks 2016-12..2017-11 = 200 + 11·100 = 1,300.
    // Stock-weighted: 120 / 1,300 × 100 = 120/13 (9.2 %); simple: (10/200 + 11·10/100) / 12 × 100 = 115/12 (9.6 %).
    // Over the same month's stock both would be 120 / 1,200 = 10 %.
    private static QuantityTable ExitExample() => new QuantityTable()
        .Constant("elb_exits", "2017-01", "2017-12", 10)
        .Fill("elb_stock", "2016-12", 200).Constant("elb_stock", "2017-01", "2017-12", 100);

    [Fact]
    public void K1E4_divides_each_month_by_the_stock_of_the_prior_month()
    {
        var weighted = FigureCalculator.Compute(Figure("K1E4"), ExitExample(), December2017);
        var simple = FigureCalculator.Compute(Figure("K1E4"), ExitExample(), December2017, AveragingRule.SimpleMean);

        Assert.Equal(R(120, 13), weighted.Value);
        Assert.Equal(R(1_300, 1), weighted.Denominator);
        Assert.Equal(R(115, 12), simple.Value);
        Assert.Equal("9.2", weighted.Value!.Value.ToDecimalString(1));
        Assert.Equal("9.6", simple.Value!.Value.ToDecimalString(1));
    }

    [Fact]
    public void K1E4_misses_the_stock_of_the_month_before_the_window()
    {
        var table = new QuantityTable().Constant("elb_exits", "2017-01", "2017-12", 10).Constant("elb_stock", "2017-01", "2017-12", 100);

        Assert.Equal("elb_stock 2016-12 missing", FigureCalculator.Compute(Figure("K1E4"), table, December2017).Missing);
        Assert.Equal("elb_stock 2016-12 missing", FigureCalculator.Compute(Figure("K1E4"), table, December2017, AveragingRule.SimpleMean).Missing);
    }

    [Fact]
    public void K3E3_and_K3E4_are_the_same_rates_for_long_term_recipients()
    {
        // K3E3: 5 intakes a month over 250 LZB (same month): 60 / 3,000 × 100 = 2 by both rules.
        // K3E4: 5 exits a month; LZB 500 in 2016-12, 250 after: 60 / (500 + 11·250) × 100 = 6,000 / 3,250 = 24/13;
        // simple: (5/500 + 11·5/250) / 12 × 100 = (0.01 + 0.22) / 12 × 100 = 23/12.
        var table = new QuantityTable()
            .Constant("lzb_intakes", "2017-01", "2017-12", 5).Constant("lzb_exits", "2017-01", "2017-12", 5)
            .Fill("lzb_stock", "2016-12", 500).Constant("lzb_stock", "2017-01", "2017-12", 250);

        Assert.Equal(R(2, 1), FigureCalculator.Compute(Figure("K3E3"), table, December2017).Value);
        Assert.Equal(R(2, 1), FigureCalculator.Compute(Figure("K3E3"), table, December2017, AveragingRule.SimpleMean).Value);
        Assert.Equal(R(24, 13), FigureCalculator.Compute(Figure("K3E4"), table, December2017).Value);
        Assert.Equal(R(23, 12), FigureCalculator.Compute(Figure("K3E4"), table, December2017, AveragingRule.SimpleMean).Value);
    }

    [Fact]
    public void A_mean_of_monthly_rates_needs_a_rule() =>
        Assert.Throws<ArgumentException>(() => FigureCalculator.Compute(Figure("K1E3"), IntakeExample(), December2017, AveragingRule.None));
}
