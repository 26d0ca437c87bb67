using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Figures;

public class ChangeAndRatioFigureTests
{
    private static readonly YearMonth March2018 = new(2018, 3);

    [Fact]
    public void K1_is_the_change_of_living_cost_benefits_against_the_prior_year_month()
    {
        // 1,050,000.50 EUR in 2018-03 against 1,000,000.00 EUR in 2017-03: (1,050,000.50 / 1,000,000 − 1) × 100 = 5.00005
        var table = new QuantityTable();
        table.Set("living_cost_benefits", new YearMonth(2017, 3), R("1000000.00"));
        table.Set("living_cost_benefits", March2018, R("1050000.50"));

        var k1 = FigureCalculator.Compute(Figure("K1"), table, March2018);

        Assert.Equal(R("5.00005"), k1.Value);
        Assert.Equal(R("1050000.5"), k1.Numerator);
        Assert.Equal(R("1000000"), k1.Denominator);
        Assert.Null(k1.Missing);
    }

    [Fact]
    public void K1E1_is_the_change_of_housing_benefits()
    {
        // 780,000 against 800,000: (780 / 800 − 1) × 100 = −2.5
        var table = new QuantityTable().Fill("housing_benefits", "2017-03", 800_000).Fill("housing_benefits", "2018-03", 780_000);

        Assert.Equal(R("-2.5"), FigureCalculator.Compute(Figure("K1E1"), table, March2018).Value);
    }

    [Fact]
    public void K1E2_is_the_change_of_the_ELB_stock()
    {
        // 9,700 against 10,000: (0.97 − 1) × 100 = −3
        var table = new QuantityTable().Fill("elb_stock", "2017-03", 10_000).Fill("elb_stock", "2018-03", 9_700);

        Assert.Equal(R("-3"), FigureCalculator.Compute(Figure("K1E2"), table, March2018).Value);
    }

    [Fact]
    public void K3_is_the_change_of_the_LZB_stock()
    {
        // 6,565 against 6,500: (1.01 − 1) × 100 = 1
        var table = new QuantityTable().Fill("lzb_stock", "2017-03", 6_500).Fill("lzb_stock", "2018-03", 6_565);

        var k3 = FigureCalculator.Compute(Figure("K3"), table, March2018);

        Assert.Equal(Rational.One, k3.Value);
        Assert.Equal("1.0", k3.Value!.Value.ToDecimalString(1));
    }

    [Fact]
    public void K2E3_divides_the_twelve_month_sums_of_the_same_months()
    {
        // 2017-04..2018-03: continued employments 15 a month except 21 in 2018-03: 11·15 + 21 = 186;
        // integrations 20 a month except 28 in 2018-03: 11·20 + 28 = 248; 186 / 248 × 100 = 75.
        // 2017-03 lies outside the window and holds other values: the window 2017-03..2018-02 would give 264 / 221.
        var table = new QuantityTable()
            .Fill("continued_employments", "2017-03", 99).Constant("continued_employments", "2017-04", "2018-02", 15).Fill("continued_employments", "2018-03", 21)
            .Fill("integrations", "2017-03", 1).Constant("integrations", "2017-04", "2018-02", 20).Fill("integrations", "2018-03", 28);

        var k2e3 = FigureCalculator.Compute(Figure("K2E3"), table, March2018);

        Assert.Equal(R(75, 1), k2e3.Value);
        Assert.Equal(R(186, 1), k2e3.Numerator);
        Assert.Equal(R(248, 1), k2e3.Denominator);
    }

    [Fact]
    public void K3E2_is_the_share_of_LZB_in_measures_in_the_month_alone()
    {
        // 2018-03: 1,200 in measures of 4,800 LZB: 25 %; the prior month (600 of 5,000) does not count.
        var table = new QuantityTable().Fill("lzb_in_measures", "2018-02", 600, 1_200).Fill("lzb_stock", "2018-02", 5_000, 4_800);

        var k3e2 = FigureCalculator.Compute(Figure("K3E2"), table, March2018);

        Assert.Equal(R(25, 1), k3e2.Value);
        Assert.Equal(R(1_200, 1), k3e2.Numerator);
        Assert.Equal(R(4_800, 1), k3e2.Denominator);
    }

    [Fact]
    public void A_missing_input_is_named_and_gives_no_value()
    {
        var table = new QuantityTable().Fill("lzb_stock", "2018-03", 6_565);

        var k3 = FigureCalculator.Compute(Figure("K3"), table, March2018);

        Assert.Null(k3.Value);
        Assert.Equal("lzb_stock 2017-03 missing", k3.Missing);
    }

    [Fact]
    public void A_denominator_of_zero_gives_no_value()
    {
        var table = new QuantityTable().Fill("lzb_in_measures", "2018-03", 5).Fill("lzb_stock", "2018-03", 0);

        var k3e2 = FigureCalculator.Compute(Figure("K3E2"), table, March2018);

        Assert.Null(k3e2.Value);
        Assert.Equal("lzb_stock 2018-03 is 0", k3e2.Missing);
    }
}
