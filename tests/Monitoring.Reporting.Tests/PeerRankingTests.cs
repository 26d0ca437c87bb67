using static Monitoring.Reporting.Tests.Borken;

namespace Monitoring.Reporting.Tests;

public class PeerRankingTests
{
    private static IReadOnlyList<PeerValue> Members(params string?[] values) =>
        values.Select((v, i) => new PeerValue($"jc-{i + 1}", v is null ? null : R(v))).ToList();

    [Fact]
    public void Odd_count_median_is_the_middle_value_and_the_best_ranks_first()
    {
        var position = PeerRanking.Position("jc-3", Members("20", "25", "30", "22", "28"), higherIsBetter: true);
        Assert.Equal(R("30"), position.Value);
        Assert.Equal(1, position.Rank);
        Assert.Equal(5, position.Ranked);
        Assert.Equal(1, position.Quartile);
        Assert.Equal(R("25"), position.Median);
        Assert.Equal(R("5"), position.DistanceToMedian);
        Assert.Equal(0, position.WithoutValue);
    }

    [Fact]
    public void Even_count_median_is_the_mean_of_the_two_middle_values()
    {
        var position = PeerRanking.Position("jc-1", Members("20", "25", "30", "22"), higherIsBetter: true);
        Assert.Equal(R("23.5"), position.Median);
        Assert.Equal(R("-3.5"), position.DistanceToMedian);
        Assert.Equal(4, position.Rank);
        Assert.Equal(4, position.Quartile);
    }

    [Fact]
    public void Ties_share_the_better_rank_and_the_next_rank_is_skipped()
    {
        var members = Members("30", "25", "25", "20");
        Assert.Equal(2, PeerRanking.Position("jc-2", members, true).Rank);
        Assert.Equal(2, PeerRanking.Position("jc-3", members, true).Rank);
        Assert.Equal(4, PeerRanking.Position("jc-4", members, true).Rank);
    }

    [Fact]
    public void Lower_is_better_ranks_the_lowest_value_first()
    {
        var members = Members("-1.2", "0.4", "-2.0");
        Assert.Equal(1, PeerRanking.Position("jc-3", members, higherIsBetter: false).Rank);
        Assert.Equal(3, PeerRanking.Position("jc-2", members, higherIsBetter: false).Rank);
        Assert.Equal(1, PeerRanking.Position("jc-2", members, higherIsBetter: true).Rank);
    }

    [Fact]
    public void Members_without_value_are_left_out_of_rank_and_median_and_counted()
    {
        var position = PeerRanking.Position("jc-1", Members("20", null, "30", null), higherIsBetter: true);
        Assert.Equal(2, position.Rank);
        Assert.Equal(2, position.Ranked);
        Assert.Equal(R("25"), position.Median);
        Assert.Equal(2, position.WithoutValue);
    }

    [Fact]
    public void Jobcenter_without_value_gets_no_rank_but_the_median_of_the_others()
    {
        var position = PeerRanking.Position("jc-2", Members("20", null, "30"), higherIsBetter: true);
        Assert.Null(position.Value);
        Assert.Null(position.Rank);
        Assert.Null(position.Quartile);
        Assert.Null(position.DistanceToMedian);
        Assert.Equal(R("25"), position.Median);
        Assert.Equal(2, position.Ranked);
    }

    [Fact]
    public void No_member_with_a_value_gives_no_median()
    {
        var position = PeerRanking.Position("jc-1", Members(null, null), higherIsBetter: true);
        Assert.Null(position.Median);
        Assert.Equal(0, position.Ranked);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)] // 2 of 9 ahead: 22 %
    [InlineData(4, 2)] // 3 of 9: 33 %
    [InlineData(5, 2)] // the median member: 44 %
    [InlineData(6, 3)] // 56 %
    [InlineData(7, 3)] // 67 %
    [InlineData(8, 4)] // 78 %
    [InlineData(9, 4)]
    public void Quartile_is_the_quarter_that_the_share_of_members_ahead_falls_in(int rank, int quartile)
    {
        var members = Members("9", "8", "7", "6", "5", "4", "3", "2", "1");
        Assert.Equal(quartile, PeerRanking.Position($"jc-{rank}", members, higherIsBetter: true).Quartile);
    }

    [Fact]
    public void Quartiles_of_two_members_are_first_and_third_and_ties_share_one()
    {
        var two = Members("2", "1");
        Assert.Equal((1, 3), (PeerRanking.Position("jc-1", two, true).Quartile, PeerRanking.Position("jc-2", two, true).Quartile));
        var tied = Members("5", "5", "5", "1");
        Assert.All(new[] { "jc-1", "jc-2", "jc-3" }, id => Assert.Equal(1, PeerRanking.Position(id, tied, true).Quartile));
        Assert.Equal(4, PeerRanking.Position("jc-4", tied, true).Quartile);
    }

    [Fact]
    public void A_single_member_is_first_in_the_first_quartile_at_the_median()
    {
        var position = PeerRanking.Position("jc-1", Members("12.5"), higherIsBetter: false);
        Assert.Equal((1, 1, R("12.5"), Rational.Zero), (position.Rank, position.Quartile, position.Median, position.DistanceToMedian));
    }

    [Fact]
    public void Jobcenter_must_be_a_member_and_members_unique()
    {
        Assert.Throws<ArgumentException>(() => PeerRanking.Position("jc-9", Members("1", "2"), true));
        Assert.Throws<ArgumentException>(() => PeerRanking.Position("jc-1", [new PeerValue("jc-1", R("1")), new PeerValue("jc-1", R("2"))], true));
    }
}
