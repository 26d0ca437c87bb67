using PartyRegistry.API.Model;

namespace PartyRegistry.Tests.Domain;

public sealed class TimelineTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static string Show(Timeline timeline) =>
        string.Join(" ", timeline.Segments.Select(s => $"{s.Value}[{IsoDate.Format(s.From)},{IsoDate.Format(s.To)})"));

    [Fact]
    public void A_change_splits_the_period_it_falls_into_and_keeps_the_past()
    {
        var timeline = new Timeline();
        timeline.Set("MAGS", D("2005-01-01"));

        Assert.True(timeline.Set("MAIS", D("2010-07-15")));

        Assert.Equal("MAGS[2005-01-01,2010-07-15) MAIS[2010-07-15,)", Show(timeline));
    }

    [Fact]
    public void A_back_dated_change_lasts_until_the_next_recorded_change()
    {
        var timeline = new Timeline();
        timeline.Set("MAGS", D("2005-01-01"));
        timeline.Set("MAGS 2", D("2017-07-01"));

        timeline.Set("MAIS", D("2010-07-15"));

        Assert.Equal("MAGS[2005-01-01,2010-07-15) MAIS[2010-07-15,2017-07-01) MAGS 2[2017-07-01,)", Show(timeline));
    }

    [Fact]
    public void Setting_the_value_in_force_changes_nothing()
    {
        var timeline = new Timeline();
        timeline.Set("gE", D("2005-01-01"));

        Assert.False(timeline.Set("gE", D("2011-01-01")));
        Assert.Equal("gE[2005-01-01,)", Show(timeline));
    }

    [Fact]
    public void Ending_a_field_leaves_no_value_until_its_next_change()
    {
        var timeline = new Timeline();
        timeline.Set("aa-essen", D("2005-01-01"));

        timeline.Set(null, D("2012-01-01"));

        Assert.Equal("aa-essen[2005-01-01,2012-01-01)", Show(timeline));
        Assert.Null(timeline.ValueAt(D("2012-01-01")));
        Assert.Equal("aa-essen", timeline.ValueAt(D("2011-12-31")));
    }

    [Fact]
    public void Equal_neighbours_are_merged()
    {
        var timeline = new Timeline();
        timeline.Set("a", D("2005-01-01"));
        timeline.Set("b", D("2010-01-01"));

        timeline.Set("a", D("2010-01-01"));

        Assert.Equal("a[2005-01-01,)", Show(timeline));
    }

    [Fact]
    public void FirstGap_finds_the_first_day_without_a_value()
    {
        var timeline = Timeline.Of([new Segment("x", D("2005-01-01"), D("2008-01-01")), new Segment("y", D("2009-01-01"), null)]);

        Assert.Equal(D("2008-01-01"), timeline.FirstGap(D("2005-01-01"), null));
        Assert.Null(timeline.FirstGap(D("2005-01-01"), D("2008-01-01")));
        Assert.Null(timeline.FirstGap(D("2009-06-01"), null));
        Assert.Equal(D("2004-12-31"), timeline.FirstGap(D("2004-12-31"), null));
    }

    [Fact]
    public void FirstGap_with_a_predicate_counts_only_matching_periods()
    {
        var timeline = Timeline.Of([new Segment("x", D("2005-01-01"), D("2008-01-01")), new Segment("y", D("2008-01-01"), null)]);

        Assert.Equal(D("2008-01-01"), timeline.FirstGap(D("2005-01-01"), null, s => s.Value == "x"));
    }

    [Fact]
    public void EndAt_cuts_what_lies_after_the_end()
    {
        var timeline = Timeline.Of([new Segment("x", D("2005-01-01"), D("2010-01-01")), new Segment("y", D("2010-01-01"), null)]);

        timeline.EndAt(D("2008-01-01"));

        Assert.Equal("x[2005-01-01,2008-01-01)", Show(timeline));
    }

    [Fact]
    public void FirstOverlap_reports_overlapping_periods()
    {
        var timeline = Timeline.Of([new Segment("x", D("2005-01-01"), D("2010-01-01")), new Segment("y", D("2009-01-01"), null)]);

        Assert.Equal(("x", "y"), timeline.FirstOverlap() is { } o ? (o.First.Value, o.Second.Value) : default);
    }
}
