using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

/// <summary>A group of jobcenters: pooled numerators and denominators, or (when an agreement says so) the mean of the members' values.</summary>
public class GroupTests
{
    private static readonly string[] K2Codes = ["integrations", "elb_stock"];

    // A: 10 integrations a month, 1000 ELB → K2 = 120 / 1000 × 100 = 12
    private static QuantityTable Small() => new QuantityTable()
        .Steady("integrations", "2017-01", "2018-12", 10)
        .Steady("elb_stock", "2016-12", "2018-12", 1000);

    // B: 60 integrations a month, 2000 ELB → K2 = 720 / 2000 × 100 = 36
    private static QuantityTable Large() => new QuantityTable()
        .Steady("integrations", "2017-01", "2018-12", 60)
        .Steady("elb_stock", "2016-12", "2018-12", 2000);

    [Fact]
    public void Pooled_K2_sums_numerators_and_denominators_and_differs_from_the_mean_of_the_members()
    {
        IReadOnlyList<IQuantitySeries> members = [Small(), Large()];
        var pooled = QuantityTable.Pool(members, K2Codes, M("2016-12"), M("2018-12"));

        var pooledK2 = FigureCalculator.Compute(Figure("K2"), pooled, M("2018-12"));
        var meanOfMembers = SteeringCalculator.MeanOfMembers(SteeringMeasure.MonthValue, "K2", members, 2018)[11];

        // pooled: (120 + 720) / (1000 + 2000) × 100 = 840 / 3000 × 100 = 28
        Assert.Equal((Rational)28, pooledK2.Value);
        Assert.Equal((Rational)840, pooledK2.Numerator);
        Assert.Equal((Rational)3000, pooledK2.Denominator);
        // mean of the members: (12 + 36) / 2 = 24
        Assert.Equal((Rational)24, Rational.Mean([12, 36]));
        Assert.Equal((Rational)24, meanOfMembers.Value);
        // both years alike: the prior year's mean is 24 too, a change of 0
        Assert.Equal((Rational)24, meanOfMembers.PriorYearValue);
        Assert.Equal(Rational.Zero, meanOfMembers.ChangePercent);
        Assert.Null(meanOfMembers.Missing);
    }

    [Fact]
    public void Pooled_steering_values_come_from_the_pooled_quantities()
    {
        IReadOnlyList<IQuantitySeries> members = [Small(), Large()];
        var pooled = QuantityTable.Pool(members, K2Codes, M("2016-12"), M("2018-12"));

        var january = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", pooled, 2018, throughMonth: 1)[0];

        // JFW Jan 2018: (10 + 60) / mean (1000 + 2000) × 100 = 70 / 3000 × 100 = 7/3
        Assert.Equal(Fraction(7, 3), january.Value);
    }

    [Fact]
    public void A_member_missing_a_month_leaves_the_pooled_month_missing()
    {
        var gap = new QuantityTable()
            .Steady("integrations", "2017-01", "2018-12", 60)
            .Steady("elb_stock", "2016-12", "2018-04", 2000)
            .Steady("elb_stock", "2018-06", "2018-12", 2000);
        IReadOnlyList<IQuantitySeries> members = [Small(), gap];

        var pooled = QuantityTable.Pool(members, K2Codes, M("2016-12"), M("2018-12"));

        Assert.False(pooled.TryGet("elb_stock", M("2018-05"), out _));
        Assert.True(pooled.TryGet("elb_stock", M("2018-06"), out var june));
        Assert.Equal((Rational)3000, june);
        Assert.Equal("elb_stock 2018-05 missing", FigureCalculator.Compute(Figure("K2"), pooled, M("2018-12")).Missing);
    }

    [Fact]
    public void The_mean_of_members_names_the_member_with_a_missing_value()
    {
        var gap = new QuantityTable()
            .Steady("integrations", "2017-01", "2018-12", 60)
            .Steady("elb_stock", "2016-12", "2018-04", 2000);
        IReadOnlyList<IQuantitySeries> members = [Small(), gap];

        var december = SteeringCalculator.MeanOfMembers(SteeringMeasure.MonthValue, "K2", members, 2018)[11];

        Assert.Null(december.Value);
        Assert.Equal("member 2: elb_stock 2018-05 missing", december.Missing);
    }

    [Fact]
    public void A_group_without_members_has_no_values()
    {
        var pooled = QuantityTable.Pool([], K2Codes, M("2018-01"), M("2018-12"));

        Assert.False(pooled.TryGet("elb_stock", M("2018-01"), out _));
        Assert.Throws<ArgumentException>(() => SteeringCalculator.MeanOfMembers(SteeringMeasure.MonthValue, "K2", [], 2018));
    }

    [Fact]
    public void The_mean_of_members_names_a_member_by_the_name_given()
    {
        var gap = new QuantityTable().Steady("lzb_stock", "2018-01", "2018-02", 500);
        IReadOnlyList<IQuantitySeries> members = [new QuantityTable().Steady("lzb_stock", "2017-01", "2018-12", 500), gap];

        var march = SteeringCalculator.MeanOfMembers(SteeringMeasure.Jdw, "lzb_stock", members, 2018, 3, ["Kreis Borken", "Kreis Coesfeld"])[2];

        Assert.StartsWith("Kreis Coesfeld: lzb_stock 2018-03 missing", march.Missing);
    }
}
