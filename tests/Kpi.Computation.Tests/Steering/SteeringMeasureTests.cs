using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Steering;

public class SteeringMeasureTests
{
    // LZB 2017: 3,500, 3,600, 3,400; 2018: 3,400, 3,700, 3,400.
    // JDW 2017: 3,500, 3,550, 3,500; 2018: 3,400, 3,550, 3,500.
    private static QuantityTable Lzb() => new QuantityTable().Fill("lzb_stock", "2017-01", 3_500, 3_600, 3_400).Fill("lzb_stock", "2018-01", 3_400, 3_700, 3_400);

    [Fact]
    public void The_JDW_is_the_mean_of_the_stock_since_January()
    {
        var points = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", Lzb(), 2018, throughMonth: 3);

        Assert.Equal([R(3_400, 1), R(3_550, 1), R(3_500, 1)], points.Select(p => p.Value!.Value));
        Assert.Equal(R(10_500, 1), points[2].Numerator);   // Σ Jan..Mar
        Assert.Equal(R(3, 1), points[2].Denominator);      // months
        Assert.Equal(R(-20, 7), points[0].ChangePercent);  // (3,400 / 3,500 − 1) × 100 = −100/35
    }

    [Fact]
    public void An_unchanged_JDW_is_a_change_of_exactly_zero()
    {
        // "K3 = 0,0 %": the JDW of March 2018 equals that of March 2017 (3,500).
        var march = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", Lzb(), 2018, throughMonth: 3)[2];

        Assert.Equal(march.PriorYearValue, march.Value);
        Assert.Equal(Rational.Zero, march.ChangePercent);
        Assert.Equal("0.0", march.ChangePercent!.Value.ToDecimalString(1));
        Assert.Equal("0", march.ChangePercent!.Value.ToExactString());
    }

    [Fact]
    public void The_year_to_date_sum_adds_the_flow_since_January()
    {
        // 2017: 100 a month; 2018: 110, 100, 120. Sums 110, 210, 330 against 100, 200, 300: +10 %, +5 %, +10 %.
        var table = new QuantityTable().Constant("integrations", "2017-01", "2017-03", 100).Fill("integrations", "2018-01", 110, 100, 120);

        var points = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "integrations", table, 2018, throughMonth: 3);

        Assert.Equal([R(110, 1), R(210, 1), R(330, 1)], points.Select(p => p.Value!.Value));
        Assert.Equal([R(100, 1), R(200, 1), R(300, 1)], points.Select(p => p.PriorYearValue!.Value));
        Assert.Equal([R(10, 1), R(5, 1), R(10, 1)], points.Select(p => p.ChangePercent!.Value));
    }

    [Fact]
    public void The_month_value_of_a_stock_is_the_December_value_in_December()
    {
        // "Dezember t-0": 3,500 LZB in December 2018 as in December 2017 ("Stagnation"); the other months lack data.
        var table = new QuantityTable().Fill("lzb_stock", "2017-12", 3_500).Fill("lzb_stock", "2018-12", 3_500);

        var points = SteeringCalculator.Compute(SteeringMeasure.MonthValue, "lzb_stock", table, 2018);

        Assert.Equal(12, points.Count);
        Assert.Equal(R(3_500, 1), points[11].Value);
        Assert.Equal(Rational.Zero, points[11].ChangePercent);
        Assert.Null(points[0].Value);
        Assert.Equal("lzb_stock 2018-01 missing; prior year: lzb_stock 2017-01 missing", points[0].Missing);
    }

    [Fact]
    public void The_month_value_of_a_figure_is_the_figure()
    {
        // K3E2 January 2018: 1,000 / 4,000 = 25 %; January 2017: 800 / 4,000 = 20 %; change (25 / 20 − 1) × 100 = 25.
        var table = new QuantityTable()
            .Fill("lzb_in_measures", "2017-01", 800).Fill("lzb_stock", "2017-01", 4_000)
            .Fill("lzb_in_measures", "2018-01", 1_000).Fill("lzb_stock", "2018-01", 4_000);

        var january = Assert.Single(SteeringCalculator.Compute(SteeringMeasure.MonthValue, "K3E2", table, 2018, throughMonth: 1));

        Assert.Equal(R(25, 1), january.Value);
        Assert.Equal(R(1_000, 1), january.Numerator);
        Assert.Equal(R(4_000, 1), january.Denominator);
        Assert.Equal(R(20, 1), january.PriorYearValue);
        Assert.Equal(R(25, 1), january.ChangePercent);
    }

    [Fact]
    public void A_missing_prior_year_leaves_the_value_and_says_why_there_is_no_change()
    {
        var withoutFebruary2017 = new QuantityTable().Fill("lzb_stock", "2017-01", 3_500).Fill("lzb_stock", "2018-01", 3_400, 3_700);

        var february = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", withoutFebruary2017, 2018, throughMonth: 2)[1];

        Assert.Equal(R(3_550, 1), february.Value);
        Assert.Null(february.PriorYearValue);
        Assert.Null(february.ChangePercent);
        Assert.Equal("prior year: lzb_stock 2017-02 missing", february.Missing);
    }

    [Fact]
    public void A_prior_year_of_zero_gives_no_change()
    {
        var table = new QuantityTable().Fill("entries_funded_employment", "2017-01", 0).Fill("entries_funded_employment", "2018-01", 4);

        var january = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "entries_funded_employment", table, 2018, throughMonth: 1)[0];

        Assert.Equal(R(4, 1), january.Value);
        Assert.Equal(Rational.Zero, january.PriorYearValue);
        Assert.Null(january.ChangePercent);
        Assert.Equal("the prior-year value is 0: no change in %", january.Missing);
    }
}
