using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

public class PublishedComparisonTests
{
    // K1E3 Dec 2018: stock-weighted 1200 / 24000 × 100 = 5; simple (6 × 10 % + 6 × 3.33… %) / 12 = 20/3 = 6.666…
    private static QuantityTable Intakes() => new QuantityTable()
        .Steady("elb_stock", "2018-01", "2018-06", 1000)
        .Steady("elb_stock", "2018-07", "2018-12", 3000)
        .Steady("elb_intakes", "2018-01", "2018-12", 100);

    // K2 Dec 2018: (9 × 22 + 3 × 25) = 273 / mean ELB 1000 × 100 = 27.3
    private static QuantityTable Integrations() => new QuantityTable()
        .Months("integrations", "2018-01", 22, 22, 22, 22, 22, 22, 22, 22, 22, 25, 25, 25)
        .Steady("elb_stock", "2017-12", "2018-11", 1000);

    [Fact]
    public void Agrees_with_the_stock_weighted_rule()
    {
        var check = PublishedComparison.Check(Figure("K1E3"), Intakes(), M("2018-12"), "5.0");

        Assert.True(check.Agrees);
        Assert.Equal("5.0", check.Computed);
        Assert.Equal((Rational)5, check.ComputedExact);
        Assert.Equal("6.7", check.ComputedOtherRule);
        Assert.Equal(AveragingRuleCodes.StockWeightedMean, check.AgreesWith);
        Assert.Equal("stock_weighted_mean", check.AgreesWith);
        Assert.Null(check.Missing);
    }

    [Fact]
    public void Agrees_only_with_the_simple_mean()
    {
        var check = PublishedComparison.Check(Figure("K1E3"), Intakes(), M("2018-12"), "6.7");

        Assert.False(check.Agrees);
        Assert.Equal("5.0", check.Computed);
        Assert.Equal("6.7", check.ComputedOtherRule);
        Assert.Equal("simple_mean", check.AgreesWith);
    }

    [Fact]
    public void Rounds_the_computed_value_as_the_published_one_is_written()
    {
        // 20/3 to two decimals is 6.67; to none, 7 — the simple mean agrees in both
        Assert.Equal("simple_mean", PublishedComparison.Check(Figure("K1E3"), Intakes(), M("2018-12"), "6.67").AgreesWith);
        var whole = PublishedComparison.Check(Figure("K1E3"), Intakes(), M("2018-12"), "7");
        Assert.Equal("5", whole.Computed);
        Assert.Equal("simple_mean", whole.AgreesWith);
    }

    [Fact]
    public void Disagreeing_names_both_values()
    {
        var check = PublishedComparison.Check(Figure("K2"), Integrations(), M("2018-12"), "27.4");

        Assert.False(check.Agrees);
        Assert.Equal("27.3", check.Computed);
        Assert.Equal(R("27.3"), check.ComputedExact);
        Assert.Null(check.ComputedOtherRule);
        Assert.Null(check.AgreesWith);
    }

    [Fact]
    public void A_figure_without_an_averaging_rule_agrees_as_computed()
    {
        var check = PublishedComparison.Check(Figure("K2"), Integrations(), M("2018-12"), "27.3");

        Assert.True(check.Agrees);
        Assert.Equal(PublishedComparison.AgreesWithComputed, check.AgreesWith);
        Assert.Equal("computed", check.AgreesWith);
        Assert.Null(check.ComputedOtherRule);
    }

    [Fact]
    public void Missing_inputs_are_named_instead_of_a_value()
    {
        var table = new QuantityTable()
            .Months("integrations", "2018-01", 22, 22, 22, 22, 22, 22, 22, 22, 22, 25, 25, 25)
            .Steady("elb_stock", "2018-01", "2018-11", 1000);

        var check = PublishedComparison.Check(Figure("K2"), table, M("2018-12"), "27.3");

        Assert.False(check.Agrees);
        Assert.Equal("", check.Computed);
        Assert.Null(check.ComputedExact);
        Assert.Null(check.AgreesWith);
        Assert.Equal("elb_stock 2017-12 missing", check.Missing);
    }
}
