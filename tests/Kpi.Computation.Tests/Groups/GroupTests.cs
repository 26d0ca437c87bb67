using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Groups;

public class GroupTests
{
    private static readonly YearMonth March2015 = new(2015, 3);

    // A: 20 integrations a month, 1,200 ELB: K2 = 240 / 1,200 = 20 %; JFW March: 60 / 1,200 = 5 %.
    // B: 10 integrations a month, 400 ELB:  K2 = 120 / 400 = 30 %;   JFW March: 30 / 400 = 7.5 %.
    private static QuantityTable MemberA() => new QuantityTable().Constant("integrations", "2013-12", "2015-03", 20).Constant("elb_stock", "2013-12", "2015-03", 1_200);

    private static QuantityTable MemberB() => new QuantityTable().Constant("integrations", "2013-12", "2015-03", 10).Constant("elb_stock", "2013-12", "2015-03", 400);

    [Fact]
    public void A_pooled_group_divides_the_pooled_sums_which_is_not_the_mean_of_the_ratios()
    {
        // Pooled: 360 / 1,600 × 100 = 22.5 %; the mean of the members' K2: (20 + 30) / 2 = 25 %.
        var k2 = Figure("K2");
        IQuantitySeries[] members = [MemberA(), MemberB()];
        var pooled = QuantityTable.Pool(members, k2.Quantities, new YearMonth(2014, 3), March2015);

        var pooledK2 = FigureCalculator.Compute(k2, pooled, March2015);
        var meanK2 = Rational.Mean(members.Select(m => FigureCalculator.Compute(k2, m, March2015).Value!.Value).ToList());

        Assert.Equal(R("22.5"), pooledK2.Value);
        Assert.Equal(R(360, 1), pooledK2.Numerator);
        Assert.Equal(R(1_600, 1), pooledK2.Denominator);
        Assert.Equal(R(25, 1), meanK2);
    }

    [Fact]
    public void The_JFW_im_Durchschnitt_is_the_mean_of_the_members_JFW()
    {
        // March 2015: (5 + 7.5) / 2 = 6.25; March 2014 alike, so the change is 0. Pooled instead: 90 / 1,600 = 5.625.
        IQuantitySeries[] members = [MemberA(), MemberB()];

        var march = SteeringCalculator.MeanOfMembers(SteeringMeasure.Jfw, "K2", members, 2015, throughMonth: 3)[2];
        var pooled = QuantityTable.Pool(members, ["integrations", "elb_stock"], new YearMonth(2013, 12), March2015);
        var pooledMarch = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", pooled, 2015, throughMonth: 3)[2];

        Assert.Equal(R("6.25"), march.Value);
        Assert.Equal(R("6.25"), march.PriorYearValue);
        Assert.Equal(Rational.Zero, march.ChangePercent);
        Assert.Null(march.Numerator);
        Assert.Equal(R("5.625"), pooledMarch.Value);
    }

    [Fact]
    public void A_pooled_month_is_missing_when_any_member_misses_it()
    {
        var b = MemberB();
        var withGap = new QuantityTable().Constant("elb_stock", "2014-03", "2014-04", 400).Constant("elb_stock", "2014-06", "2015-03", 400);

        var pooled = QuantityTable.Pool([MemberA(), withGap], ["elb_stock"], new YearMonth(2014, 3), March2015);

        Assert.True(pooled.TryGet("elb_stock", new YearMonth(2014, 4), out var april));
        Assert.Equal(R(1_600, 1), april);
        Assert.False(pooled.TryGet("elb_stock", new YearMonth(2014, 5), out _));
        Assert.True(b.TryGet("elb_stock", new YearMonth(2014, 5), out _));
    }

    [Fact]
    public void A_mean_of_members_names_the_member_that_misses_data()
    {
        var withoutStock = new QuantityTable().Constant("integrations", "2013-12", "2015-03", 10);

        var january = SteeringCalculator.MeanOfMembers(SteeringMeasure.Jfw, "K2", [MemberA(), withoutStock], 2015, throughMonth: 1, memberNames: ["05554", "05558"])[0];

        Assert.Null(january.Value);
        Assert.Null(january.ChangePercent);
        Assert.Equal("05558: elb_stock 2014-12 missing; prior year: 05558: elb_stock 2013-12 missing", january.Missing);
    }
}
