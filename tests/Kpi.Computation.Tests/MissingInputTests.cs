using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

public class MissingInputTests
{
    [Fact]
    public void A_missing_input_is_named_with_its_month()
    {
        var table = new QuantityTable()
            .Steady("integrations", "2018-01", "2018-12", 20)
            .Steady("elb_stock", "2018-01", "2018-12", 1000);

        var value = FigureCalculator.Compute(Figure("K2"), table, M("2018-12"));

        // K2 Dec 2018 needs the ELB stock of Dec 2017..Nov 2018
        Assert.Null(value.Value);
        Assert.Null(value.Numerator);
        Assert.Null(value.Denominator);
        Assert.Equal("elb_stock 2017-12 missing", value.Missing);
    }

    [Fact]
    public void A_change_figure_names_the_missing_prior_year_month()
    {
        var table = new QuantityTable().Months("lzb_stock", "2018-12", 6435);

        Assert.Equal("lzb_stock 2017-12 missing", FigureCalculator.Compute(Figure("K3"), table, M("2018-12")).Missing);
    }

    [Fact]
    public void A_quantity_never_delivered_is_missing()
    {
        Assert.Equal("lzb_in_measures 2018-05 missing", FigureCalculator.Compute(Figure("K3E2"), new QuantityTable(), M("2018-05")).Missing);
    }

    [Fact]
    public void A_month_before_the_table_s_origin_is_missing_not_an_error()
    {
        var table = new QuantityTable().Months("lzb_stock", "2000-01", 100);

        Assert.Equal("lzb_stock 1999-01 missing", FigureCalculator.Compute(Figure("K3"), table, M("2000-01")).Missing);
    }

    [Fact]
    public void A_zero_denominator_is_reported_not_thrown()
    {
        var table = new QuantityTable()
            .Months("lzb_in_measures", "2018-05", 0)
            .Months("lzb_stock", "2018-05", 0);

        var value = FigureCalculator.Compute(Figure("K3E2"), table, M("2018-05"));

        Assert.Null(value.Value);
        Assert.Contains("lzb_stock 2018-05", value.Missing);
        Assert.Contains("0", value.Missing);
    }

    [Fact]
    public void A_change_from_zero_is_reported_not_thrown()
    {
        var table = new QuantityTable()
            .Months("living_cost_benefits", "2017-03", 0)
            .Months("living_cost_benefits", "2018-03", 100);

        var value = FigureCalculator.Compute(Figure("K1"), table, M("2018-03"));

        Assert.Null(value.Value);
        Assert.Contains("living_cost_benefits", value.Missing);
    }

    [Fact]
    public void A_rate_over_a_zero_stock_is_reported_not_thrown()
    {
        var table = new QuantityTable()
            .Steady("integrations_lzb", "2018-01", "2018-12", 0)
            .Steady("lzb_stock", "2017-12", "2018-11", 0);

        var value = FigureCalculator.Compute(Figure("K3E1"), table, M("2018-12"));

        Assert.Null(value.Value);
        Assert.Contains("lzb_stock", value.Missing);
    }
}
