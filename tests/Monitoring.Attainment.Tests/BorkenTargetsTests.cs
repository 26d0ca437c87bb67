using static Monitoring.Attainment.Tests.Crafted;

namespace Monitoring.Attainment.Tests;

// Seed 001, Zielvereinbarung Kreis Borken 2018: its five targets on crafted data.
public class BorkenTargetsTests
{
    [Fact]
    public void Integrations_plus_2_1_percent_met_exactly_is_achieved()
    {
        // 2017: 100 a month = 1200; 2018: 102.1 a month = 1225.2 = 1200 × 1.021 → change exactly +2.1 %.
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "102.1");
        var result = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2.1"), table);
        var december = result.Months[11];
        Assert.Equal(R("1225.2"), december.Value);
        Assert.Equal(R("1200"), december.PriorYearValue);
        Assert.Equal(R("2.1"), december.ChangePercent);
        Assert.Equal(Rational.Zero, december.Gap);
        Assert.Equal(AttainmentStatus.Achieved, december.Status);
    }

    [Fact]
    public void Integrations_plus_2_0_percent_against_2_1_is_missed_by_0_1_points()
    {
        // 2018: 102 a month = 1224 → +2.0 %; gap 2.0 − 2.1 = −0.1 points.
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "102");
        var december = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2.1"), table).Months[11];
        Assert.Equal(R("-0.1"), december.Gap);
        Assert.Equal(AttainmentStatus.Missed, december.Status);
    }

    private static QuantityTable K2Table(string decemberIntegrations2018)
    {
        // elb_stock 1000 throughout, 10 integrations a month: JFW December = 120 / 1000 × 100 = 12 in 2017.
        var table = new QuantityTable().Fill("elb_stock", 2016, "1000", 12, 12).Fill("elb_stock", 2017, "1000").Fill("elb_stock", 2018, "1000")
            .Fill("integrations", 2017, "10").Fill("integrations", 2018, "10", 1, 11);
        return table.Fill("integrations", 2018, decemberIntegrations2018, 12, 12);
    }

    [Fact]
    public void K2_equal_to_prior_year_is_achieved_at_its_edge()
    {
        // 2018: 120 / 1000 × 100 = 12 = 2017 → change exactly 0.0 %, target "K2 = 0,0 %" (≥ 0.0) → Achieved.
        var december = Evaluate(Target("K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "0.0"), K2Table("10")).Months[11];
        Assert.Equal(R("12"), december.Value);
        Assert.Equal(Rational.Zero, december.ChangePercent);
        Assert.Equal(AttainmentStatus.Achieved, december.Status);
    }

    [Fact]
    public void K2_one_integration_short_is_missed()
    {
        // 2018: 119 / 1000 × 100 = 11.9 → change (11.9 − 12) / 12 × 100 = −5/6 %.
        var december = Evaluate(Target("K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "0.0"), K2Table("9")).Months[11];
        Assert.Equal(new Rational(-5, 6), december.ChangePercent);
        Assert.Equal(AttainmentStatus.Missed, december.Status);
    }

    [Theory]
    [InlineData("500", AttainmentStatus.Achieved)] // JDW 500 = 500 → 0.0 % ≤ 0.0
    [InlineData("501", AttainmentStatus.Missed)]   // JDW 501 → +0.2 %
    public void K3_annual_average_LZB_stock_not_above_prior_year(string stock2018, AttainmentStatus expected)
    {
        var table = new QuantityTable().Fill("lzb_stock", 2017, "500").Fill("lzb_stock", 2018, stock2018);
        var december = Evaluate(Target("lzb_stock", TargetMeasure.AnnualAverage, Direction.AtMost, "0.0"), table).Months[11];
        Assert.Equal(expected, december.Status);
    }

    [Fact]
    public void December_t0_LZB_stock_stagnation_is_achieved()
    {
        // Dec 2017 = Dec 2018 = 480 (other months differ and do not matter): change 0 ≤ 0 → Stagnation achieved.
        var table = new QuantityTable().Fill("lzb_stock", 2017, "470").Fill("lzb_stock", 2018, "520")
            .Fill("lzb_stock", 2017, "480", 12, 12).Fill("lzb_stock", 2018, "480", 12, 12);
        var target = Target("lzb_stock", TargetMeasure.DecemberValue, Direction.AtMost, "0.0", basis: DataBasis.T0);
        Assert.Equal(SteeringMeasure.MonthValue, target.SteeringMeasure);
        var result = Evaluate(target, table);
        Assert.Equal(AttainmentStatus.Achieved, result.Months[11].Status);
        Assert.Equal(R("520") * 100 / R("470") - 100, result.Months[0].ChangePercent);
    }

    [Fact]
    public void K3E1_plus_4_percent_met_exactly_is_achieved()
    {
        // lzb_stock 500; 2017: 5 integrations_lzb a month → 60 / 500 × 100 = 12; 2018: 5.2 → 62.4 / 500 × 100 = 12.48 = 12 × 1.04.
        var table = new QuantityTable().Fill("lzb_stock", 2016, "500", 12, 12).Fill("lzb_stock", 2017, "500").Fill("lzb_stock", 2018, "500")
            .Fill("integrations_lzb", 2017, "5").Fill("integrations_lzb", 2018, "5.2");
        var december = Evaluate(Target("K3E1", TargetMeasure.CalendarYearValue, Direction.AtLeast, "4.0"), table).Months[11];
        Assert.Equal(R("4"), december.ChangePercent);
        Assert.Equal(AttainmentStatus.Achieved, december.Status);
    }

    [Fact]
    public void Observation_gives_its_series_and_prior_year_comparison()
    {
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "110");
        var result = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, null, kind: GoalKind.Observation), table, throughMonth: 3);
        Assert.Equal(3, result.Months.Count);
        // March: 330 vs 300 → +10 %.
        Assert.Equal(R("330"), result.Months[2].Value);
        Assert.Equal(R("300"), result.Months[2].PriorYearValue);
        Assert.Equal(R("10"), result.Months[2].ChangePercent);
        Assert.All(result.Months, m => Assert.Equal(AttainmentStatus.Observed, m.Status));
    }

    [Fact]
    public void Qualitative_goal_is_not_assessable()
    {
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "110");
        var result = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, null, kind: GoalKind.Qualitative), table);
        Assert.All(result.Months, m => Assert.Equal(AttainmentStatus.NotAssessable, m.Status));
    }

    [Fact]
    public void Missing_month_is_no_data_and_provenance_is_carried()
    {
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "110", 1, 2);
        var result = Evaluate(Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2.1"), table, throughMonth: 3);
        Assert.Equal(AttainmentStatus.NoData, result.Months[2].Status);
        Assert.NotNull(result.Months[2].Missing);
        Assert.Same(Inputs, result.Provenance);
        Assert.Equal(["delivery-2018-12-final"], result.Provenance.KpiDeliveryIds);
    }
}
