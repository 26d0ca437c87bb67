using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Figures;

public class TwelveMonthRateTests
{
    private static readonly YearMonth March2015 = new(2015, 3);

    // BIAJ's example of the lag: integrations Apr 2014–Mar 2015 over the mean ELB stock Mar 2014–Feb 2015.
    // Integrations 20 a month: Σ = 240. ELB stock 2,300 in 2014-03, 1,100 in 2014-04..2015-02, 500 in 2015-03.
    // Lagged mean (2,300 + 11·1,100) / 12 = 14,400 / 12 = 1,200: K2 = 240 / 1,200 × 100 = 20.
    // Without the lag (2014-04..2015-03): (11·1,100 + 500) / 12 = 1,050, which would give 22.857…
    private static QuantityTable LagExample() => new QuantityTable()
        .Constant("integrations", "2014-04", "2015-03", 20)
        .Fill("elb_stock", "2014-03", 2_300).Constant("elb_stock", "2014-04", "2015-02", 1_100).Fill("elb_stock", "2015-03", 500);

    [Fact]
    public void K2_divides_twelve_months_of_integrations_by_the_mean_ELB_stock_lagged_one_month()
    {
        var k2 = FigureCalculator.Compute(Figure("K2"), LagExample(), March2015);

        Assert.Equal(R(20, 1), k2.Value);
        Assert.Equal(R(240, 1), k2.Numerator);
        Assert.Equal(R(1_200, 1), k2.Denominator);
    }

    [Fact]
    public void K2_needs_the_stock_of_the_month_before_the_window_not_of_the_month_itself()
    {
        var table = LagExample();
        table.Set("elb_stock", March2015, 999_999);   // outside the lagged window: no effect

        Assert.Equal(R(20, 1), FigureCalculator.Compute(Figure("K2"), table, March2015).Value);
    }

    [Fact]
    public void K2_names_the_first_missing_month()
    {
        var table = new QuantityTable().Constant("integrations", "2014-04", "2015-03", 20)
            .Constant("elb_stock", "2014-03", "2014-11", 1_000).Constant("elb_stock", "2015-01", "2015-02", 1_000);

        var k2 = FigureCalculator.Compute(Figure("K2"), table, March2015);

        Assert.Null(k2.Value);
        Assert.Null(k2.Numerator);
        Assert.Equal("elb_stock 2014-12 missing", k2.Missing);
    }

    [Fact]
    public void K2E1_and_K2E2_are_the_same_form_on_entries_into_employment()
    {
        // 3 entries into marginal employment and 2 into funded employment a month over 1,000 ELB:
        // 36 / 1,000 × 100 = 3.6 and 24 / 1,000 × 100 = 2.4.
        var table = new QuantityTable()
            .Constant("entries_marginal_employment", "2014-04", "2015-03", 3)
            .Constant("entries_funded_employment", "2014-04", "2015-03", 2)
            .Constant("elb_stock", "2014-03", "2015-02", 1_000);

        Assert.Equal(R("3.6"), FigureCalculator.Compute(Figure("K2E1"), table, March2015).Value);
        Assert.Equal(R("2.4"), FigureCalculator.Compute(Figure("K2E2"), table, March2015).Value);
    }

    [Fact]
    public void K2E4_is_the_integration_rate_of_single_parents()
    {
        // 4 integrations a month over 600 single parents: 48 / 600 × 100 = 8.
        var table = new QuantityTable()
            .Constant("integrations_single_parents", "2014-04", "2015-03", 4)
            .Constant("single_parents_stock", "2014-03", "2015-02", 600);

        Assert.Equal(R(8, 1), FigureCalculator.Compute(Figure("K2E4"), table, March2015).Value);
    }

    [Fact]
    public void K3E1_is_the_integration_rate_of_long_term_recipients()
    {
        // 10 integrations a month over 750 LZB, but 7 in 2014-06: Σ = 117; 117 / 750 × 100 = 15.6.
        var table = new QuantityTable()
            .Constant("integrations_lzb", "2014-04", "2015-03", 10).Fill("integrations_lzb", "2014-06", 7)
            .Constant("lzb_stock", "2014-03", "2015-02", 750);

        var k3e1 = FigureCalculator.Compute(Figure("K3E1"), table, March2015);

        Assert.Equal(R("15.6"), k3e1.Value);
        Assert.Equal("15.6", k3e1.Value!.Value.ToExactString());
    }
}
