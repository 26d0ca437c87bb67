using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>JFW, JDW, year-to-date sums and month values, each against the same month of the prior year.</summary>
public class SteeringTests
{
    private static QuantityTable Integrations() => new QuantityTable()
        .Months("integrations", "2017-01", 10, 10, 10)
        .Months("integrations", "2018-01", 10, 20, 30)
        .Steady("elb_stock", "2016-12", "2017-02", 1000)
        .Months("elb_stock", "2017-12", 900, 1000, 1100);

    [Fact]
    public void JFW_of_K2_divides_the_integrations_since_January_by_the_mean_ELB_from_the_prior_December()
    {
        var points = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", Integrations(), 2018, throughMonth: 3);

        Assert.Equal([M("2018-01"), M("2018-02"), M("2018-03")], points.Select(p => p.Month));
        var march = points[2];
        // 2018: (10 + 20 + 30) = 60 / mean ELB Dec 2017..Feb 2018 (900 + 1000 + 1100) / 3 = 1000 × 100 = 6
        // 2017: (10 + 10 + 10) = 30 / mean ELB Dec 2016..Feb 2017 = 1000 × 100 = 3; change (6 / 3 − 1) × 100 = 100
        Assert.Equal((Rational)6, march.Value);
        Assert.Equal((Rational)60, march.Numerator);
        Assert.Equal((Rational)1000, march.Denominator);
        Assert.Equal((Rational)3, march.PriorYearValue);
        Assert.Equal((Rational)100, march.ChangePercent);
        Assert.Null(march.Missing);
        // January: 10 / 900 × 100 = 10/9 against 10 / 1000 × 100 = 1; change (10/9 − 1) × 100 = 100/9
        Assert.Equal(Fraction(10, 9), points[0].Value);
        Assert.Equal(Fraction(100, 9), points[0].ChangePercent);
    }

    [Fact]
    public void JFW_of_K2E4_uses_the_single_parents()
    {
        var table = new QuantityTable()
            .Months("integrations_single_parents", "2018-01", 4, 4, 4)
            .Months("single_parents_stock", "2017-12", 150, 200, 250);

        // (4 + 4 + 4) = 12 / mean (150 + 200 + 250) / 3 = 200 × 100 = 6; no 2017 data: the prior year is missing
        var march = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2E4", table, 2018, throughMonth: 3)[2];
        Assert.Equal((Rational)6, march.Value);
        Assert.Null(march.PriorYearValue);
        Assert.Null(march.ChangePercent);
        Assert.StartsWith("prior year: ", march.Missing);
    }

    [Fact]
    public void JFW_of_K3E1_uses_the_long_term_recipients()
    {
        var table = new QuantityTable()
            .Months("integrations_lzb", "2018-01", 5, 7)
            .Months("lzb_stock", "2017-12", 590, 610);

        // (5 + 7) = 12 / mean LZB Dec 2017..Jan 2018 (590 + 610) / 2 = 600 × 100 = 2
        var february = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K3E1", table, 2018, throughMonth: 2)[1];
        Assert.Equal((Rational)2, february.Value);
        Assert.Equal((Rational)600, february.Denominator);
    }

    [Fact]
    public void The_December_JFW_is_the_calendar_year_K2()
    {
        var table = new QuantityTable()
            .Months("integrations", "2018-01", 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)
            .Months("elb_stock", "2017-12", 1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1090, 1100, 1110, 5000);

        var december = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", table, 2018)[11];

        // Σ 10..21 = 186; mean ELB Dec 2017..Nov 2018 = (12 × 1000 + 10 × (0 + … + 11)) / 12 = 12660 / 12 = 1055;
        // 186 / 1055 × 100 = 18600 / 1055 = 3720/211 = 17.630…
        Assert.Equal(Fraction(3720, 211), december.Value);
        Assert.Equal((Rational)186, december.Numerator);
        Assert.Equal((Rational)1055, december.Denominator);
        Assert.Equal(FigureCalculator.Compute(Figure("K2"), table, M("2018-12")).Value, december.Value);
    }

    [Fact]
    public void JDW_is_the_mean_stock_since_January()
    {
        var table = new QuantityTable()
            .Months("lzb_stock", "2017-01", 500, 500, 500)
            .Months("lzb_stock", "2018-01", 600, 620, 640);

        var points = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", table, 2018, throughMonth: 3);

        // Jan: 600 against 500 → +20 %; Feb: (600 + 620) / 2 = 610 → +22 %; Mar: 1860 / 3 = 620 against 500 → (620/500 − 1) × 100 = 24
        Assert.Equal([(Rational)600, 610, 620], points.Select(p => p.Value!.Value));
        Assert.Equal([(Rational)20, 22, 24], points.Select(p => p.ChangePercent!.Value));
        Assert.Equal((Rational)1860, points[2].Numerator);
        Assert.Equal((Rational)3, points[2].Denominator);
        Assert.Equal((Rational)500, points[2].PriorYearValue);
    }

    [Fact]
    public void JDW_of_the_ELB_stock()
    {
        var table = new QuantityTable().Months("elb_stock", "2018-01", 1000, 1001);

        // (1000 + 1001) / 2 = 1000.5
        Assert.Equal(R("1000.5"), SteeringCalculator.Compute(SteeringMeasure.Jdw, "elb_stock", table, 2018, throughMonth: 2)[1].Value);
    }

    [Fact]
    public void YearToDateSum_adds_a_flow_since_January()
    {
        var table = new QuantityTable()
            .Months("integrations", "2017-01", 15, 15, 15)
            .Months("integrations", "2018-01", 10, 20, 30);

        var march = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "integrations", table, 2018, throughMonth: 3)[2];

        // 10 + 20 + 30 = 60 against 15 + 15 + 15 = 45: (60 / 45 − 1) × 100 = 100/3 = 33.3…
        Assert.Equal((Rational)60, march.Value);
        Assert.Equal((Rational)45, march.PriorYearValue);
        Assert.Equal(Fraction(100, 3), march.ChangePercent);
        Assert.Equal("33.3", march.ChangePercent!.Value.ToDecimalString(1));
    }

    [Fact]
    public void MonthValue_of_a_stock_is_the_month_s_stock()
    {
        var table = new QuantityTable()
            .Months("lzb_stock", "2017-01", 500, 500, 500)
            .Months("lzb_stock", "2018-01", 600, 620, 640);

        var march = SteeringCalculator.Compute(SteeringMeasure.MonthValue, "lzb_stock", table, 2018, throughMonth: 3)[2];

        // 640 against 500: (640 / 500 − 1) × 100 = 28
        Assert.Equal((Rational)640, march.Value);
        Assert.Equal((Rational)28, march.ChangePercent);
    }

    [Fact]
    public void MonthValue_of_a_figure_is_the_figure_of_the_month()
    {
        var table = new QuantityTable()
            .Months("lzb_in_measures", "2017-03", 90)
            .Months("lzb_stock", "2017-03", 600)
            .Months("lzb_in_measures", "2018-03", 130)
            .Months("lzb_stock", "2018-03", 650);

        var march = SteeringCalculator.Compute(SteeringMeasure.MonthValue, "K3E2", table, 2018, throughMonth: 3)[2];

        // K3E2 Mar 2018: 130 / 650 × 100 = 20; Mar 2017: 90 / 600 × 100 = 15; (20 / 15 − 1) × 100 = 100/3
        Assert.Equal((Rational)20, march.Value);
        Assert.Equal((Rational)130, march.Numerator);
        Assert.Equal((Rational)650, march.Denominator);
        Assert.Equal((Rational)15, march.PriorYearValue);
        Assert.Equal(Fraction(100, 3), march.ChangePercent);
    }

    [Fact]
    public void A_missing_month_leaves_the_value_empty_and_names_it()
    {
        var table = new QuantityTable().Months("lzb_stock", "2018-01", 600, 620);

        var march = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", table, 2018, throughMonth: 3)[2];

        Assert.Null(march.Value);
        Assert.Null(march.ChangePercent);
        Assert.StartsWith("lzb_stock 2018-03 missing; prior year: lzb_stock 2017-01 missing", march.Missing);
    }

    [Fact]
    public void A_prior_year_of_zero_gives_no_change()
    {
        var table = new QuantityTable()
            .Months("integrations", "2017-01", 0)
            .Months("integrations", "2018-01", 5);

        var january = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "integrations", table, 2018, throughMonth: 1)[0];

        Assert.Equal((Rational)5, january.Value);
        Assert.Equal(Rational.Zero, january.PriorYearValue);
        Assert.Null(january.ChangePercent);
    }

    [Fact]
    public void A_JFW_over_a_stock_of_zero_is_reported_not_thrown()
    {
        var table = new QuantityTable()
            .Months("integrations_lzb", "2018-01", 0)
            .Months("lzb_stock", "2017-12", 0);

        var january = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K3E1", table, 2018, throughMonth: 1)[0];

        Assert.Null(january.Value);
        Assert.Contains("lzb_stock", january.Missing);
    }
}
