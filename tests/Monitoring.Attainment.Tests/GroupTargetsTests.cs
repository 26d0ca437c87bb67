using static Monitoring.Attainment.Tests.Crafted;

namespace Monitoring.Attainment.Tests;

// Seed 004, BMAS–NRW 2016: state-wide targets over the zkT, and a group where pooling and the mean of members disagree.
public class GroupTargetsTests
{
    private static readonly Scope AllZkt = new(Aggregation.MeanOfMembers, ["A", "B"]);

    private static QuantityTable Member(string elbStock, string integrationsPrior, string integrationsCurrent) => new QuantityTable()
        .Fill("elb_stock", 2015, elbStock, 12, 12).Fill("elb_stock", 2016, elbStock).Fill("elb_stock", 2017, elbStock)
        .Fill("integrations", 2016, integrationsPrior).Fill("integrations", 2017, integrationsCurrent);

    // A: 1000 ELB, 10 → 11 integrations a month: K2 12 → 13.2 (+10 %).
    // B: 100 ELB, 2 → 1.8 a month: K2 24 → 21.6 (−10 %).
    private static readonly IQuantitySeries[] Members = [Member("1000", "10", "11"), Member("100", "2", "1.8")];

    private static Target K2FallsByAtMost04(Scope scope) =>
        Target("K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "-0.4", scope: scope);

    [Fact]
    public void Mean_of_members_K2_misses_while_the_pooled_K2_is_achieved()
    {
        var target = K2FallsByAtMost04(AllZkt);
        // Mean: prior (12 + 24) / 2 = 18, current (13.2 + 21.6) / 2 = 17.4 → (17.4 − 18) / 18 × 100 = −10/3 % < −0.4.
        var mean = SteeringCalculator.MeanOfMembers(target.SteeringMeasure, "K2", Members, 2017);
        var meanResult = AttainmentCalculator.Evaluate(target, mean, [], Inputs);
        Assert.Equal(new Rational(-10, 3), meanResult.Months[11].ChangePercent);
        Assert.Equal(AttainmentStatus.Missed, meanResult.Months[11].Status);

        // Pooled: 1100 ELB, 12 → 12.8 integrations a month: 144 / 1100 → 153.6 / 1100, change 9.6 / 144 × 100 = +20/3 %.
        var pooledTable = QuantityTable.Pool(Members, ["elb_stock", "integrations"], new YearMonth(2015, 12), new YearMonth(2017, 12));
        var pooledTarget = K2FallsByAtMost04(new Scope(Aggregation.Pooled, ["A", "B"]));
        var pooled = AttainmentCalculator.Evaluate(pooledTarget, SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", pooledTable, 2017), [], Inputs);
        Assert.Equal(new Rational(20, 3), pooled.Months[11].ChangePercent);
        Assert.Equal(AttainmentStatus.Achieved, pooled.Months[11].Status);
    }

    [Fact]
    public void Mean_of_members_K2_falling_by_less_than_0_4_is_achieved()
    {
        // A: 12 → 12 (0 %); B: 24 → 23.88 (1.99 a month: 23.88 / 100 × 100); mean 18 → 17.94 → −0.333… % ≥ −0.4.
        IQuantitySeries[] members = [Member("1000", "10", "10"), Member("100", "2", "1.99")];
        var target = K2FallsByAtMost04(AllZkt);
        var points = SteeringCalculator.MeanOfMembers(target.SteeringMeasure, "K2", members, 2017);
        var december = AttainmentCalculator.Evaluate(target, points, [], Inputs).Months[11];
        Assert.Equal(new Rational(-1, 3), december.ChangePercent);
        Assert.Equal(new Rational(1, 15), december.Gap); // −1/3 − (−2/5) = 1/15 points
        Assert.Equal(AttainmentStatus.Achieved, december.Status);
    }

    [Theory]
    [InlineData("700", "300", AttainmentStatus.Achieved)] // mean JDW (700 + 300) / 2 = 500 = prior → ±0.0 %
    [InlineData("700", "301", AttainmentStatus.Missed)]   // mean 500.5 → +0.1 %
    public void Average_LZB_stock_not_above_prior_year(string a2017, string b2017, AttainmentStatus expected)
    {
        IQuantitySeries[] members =
        [
            new QuantityTable().Fill("lzb_stock", 2016, "600").Fill("lzb_stock", 2017, a2017),
            new QuantityTable().Fill("lzb_stock", 2016, "400").Fill("lzb_stock", 2017, b2017),
        ];
        var target = Target("lzb_stock", TargetMeasure.AnnualAverage, Direction.AtMost, "0.0", scope: AllZkt);
        var points = SteeringCalculator.MeanOfMembers(target.SteeringMeasure, "lzb_stock", members, 2017);
        Assert.Equal(expected, AttainmentCalculator.Evaluate(target, points, [], Inputs).Months[11].Status);
    }
}
