using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>K2E3 (a ratio of two twelve-month sums) and K3E2 (a ratio within one month).</summary>
public class RatioFigureTests
{
    [Fact]
    public void K2E3_divides_twelve_months_of_continued_employments_by_twelve_months_of_integrations()
    {
        var table = new QuantityTable()
            .Steady("continued_employments", "2018-01", "2018-12", 15)
            .Steady("integrations", "2018-01", "2018-12", 20)
            .Months("integrations", "2017-12", 1000);

        // Σ continued Jan..Dec 2018 = 180 / Σ integrations Jan..Dec 2018 = 240 → 75 (no lag: Dec 2017 is not read)
        var value = FigureCalculator.Compute(Figure("K2E3"), table, M("2018-12"));
        Assert.Equal((Rational)75, value.Value);
        Assert.Equal((Rational)180, value.Numerator);
        Assert.Equal((Rational)240, value.Denominator);
    }

    [Fact]
    public void K3E2_divides_the_LZB_in_measures_by_the_LZB_stock_of_the_same_month()
    {
        var table = new QuantityTable()
            .Months("lzb_in_measures", "2018-04", 1, 130)
            .Months("lzb_stock", "2018-04", 1, 650);

        // 130 / 650 × 100 = 20
        Assert.Equal((Rational)20, FigureCalculator.Compute(Figure("K3E2"), table, M("2018-05")).Value);
    }
}
