using Kpi.Computation.Tests.Figures;
using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Published;

public class PublishedComparisonTests
{
    private static readonly YearMonth December2017 = new(2017, 12);
    private static readonly YearMonth March2015 = new(2015, 3);

    [Fact]
    public void A_published_mean_rate_agreeing_with_the_stock_weighted_rule()
    {
        // K1E3 of the example: 6 % stock-weighted, 7.5 % as a simple mean.
        var check = PublishedComparison.Check(Figure("K1E3"), MonthlyRateAverageTests.IntakeExample(), December2017, "6.0");

        Assert.True(check.Agrees);
        Assert.Equal("6.0", check.Computed);
        Assert.Equal(R(6, 1), check.ComputedExact);
        Assert.Equal("7.5", check.ComputedOtherRule);
        Assert.Equal("stock_weighted_mean", check.AgreesWith);
        Assert.Null(check.Missing);
    }

    [Fact]
    public void A_published_mean_rate_agreeing_with_the_simple_mean()
    {
        var check = PublishedComparison.Check(Figure("K1E3"), MonthlyRateAverageTests.IntakeExample(), December2017, "7.5");

        Assert.False(check.Agrees);
        Assert.Equal("6.0", check.Computed);
        Assert.Equal("simple_mean", check.AgreesWith);
    }

    [Fact]
    public void A_published_mean_rate_agreeing_with_neither_rule()
    {
        var check = PublishedComparison.Check(Figure("K1E3"), MonthlyRateAverageTests.IntakeExample(), December2017, "6.8");

        Assert.False(check.Agrees);
        Assert.Null(check.AgreesWith);
    }

    // K2 March 2015: integrations 23 a month but 20 in 2015-03: Σ = 11·23 + 20 = 273; ELB 1,000: 273 / 1,000 × 100 = 27.3.
    private static QuantityTable K2Of27Point3() => new QuantityTable()
        .Constant("integrations", "2014-04", "2015-02", 23).Fill("integrations", "2015-03", 20)
        .Constant("elb_stock", "2014-03", "2015-02", 1_000);

    [Fact]
    public void A_published_K2_that_differs_from_the_computed_one()
    {
        var check = PublishedComparison.Check(Figure("K2"), K2Of27Point3(), March2015, "27.4");

        Assert.False(check.Agrees);
        Assert.Equal("27.3", check.Computed);
        Assert.Equal(R("27.3"), check.ComputedExact);
        Assert.Null(check.ComputedOtherRule);
        Assert.Null(check.AgreesWith);
    }

    [Theory]
    [InlineData("27.3", "27.3")]
    [InlineData("27.30", "27.30")]
    [InlineData("27", "27")]
    public void A_published_K2_that_agrees_at_its_own_decimals(string published, string computed)
    {
        var check = PublishedComparison.Check(Figure("K2"), K2Of27Point3(), March2015, published);

        Assert.True(check.Agrees);
        Assert.Equal(computed, check.Computed);
        Assert.Equal("computed", check.AgreesWith);
    }

    [Fact]
    public void Missing_inputs_are_named_instead_of_compared()
    {
        var check = PublishedComparison.Check(Figure("K2"), new QuantityTable(), March2015, "27.3");

        Assert.False(check.Agrees);
        Assert.Equal("", check.Computed);
        Assert.Null(check.ComputedExact);
        Assert.Equal("integrations 2014-04 missing", check.Missing);
    }

    [Fact]
    public void A_published_value_that_is_no_number_is_refused() =>
        Assert.Throws<FormatException>(() => PublishedComparison.Check(Figure("K2"), K2Of27Point3(), March2015, "27,3"));
}
