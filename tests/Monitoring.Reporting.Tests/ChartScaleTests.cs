using static Monitoring.Reporting.Tests.Borken;

namespace Monitoring.Reporting.Tests;

public class ChartScaleTests
{
    [Theory]
    [InlineData("2.4", "25.7", "0", "30", "5")]
    [InlineData("7375", "7412", "7370", "7420", "10")]
    [InlineData("0.2", "2.4", "0", "2.5", "0.5")]
    [InlineData("290", "3533", "0", "4000", "1000")]
    [InlineData("-1.3", "0.9", "-1.5", "1", "0.5")]
    public void Axis_has_nice_steps_covering_the_values(string low, string high, string min, string max, string step)
    {
        var scale = AxisScale.For(decimal.Parse(low, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(high, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((Dec(min), Dec(max), Dec(step)), (scale.Min, scale.Max, scale.Step));
    }

    [Fact]
    public void Flat_line_gets_an_axis_around_it()
    {
        var scale = AxisScale.For(7400, 7400);
        Assert.True(scale.Min < 7400 && scale.Max > 7400);
        Assert.True(AxisScale.For(0, 0) is { Min: < 0, Max: > 0 });
    }

    [Theory]
    [InlineData("2.5", 1)]
    [InlineData("0.25", 2)]
    [InlineData("500", 0)]
    public void Tick_labels_take_the_decimals_of_the_step(string step, int decimals) =>
        Assert.Equal(decimals, new AxisScale(0, 10, Dec(step)).Decimals);

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

public class TargetPathTests
{
    private static readonly IReadOnlyList<Rational?> Prior = [.. Enumerable.Range(1, 12).Select(m => (Rational?)(R("100") * m))];

    [Fact]
    public void Relative_target_follows_the_prior_year_raised_by_the_target()
    {
        var target = Borken.Integrations().Target;
        var path = TargetPath.Of(target, Prior);
        Assert.Equal(R("102.1"), path[0]);
        Assert.Equal(R("1225.2"), path[11]);
    }

    [Fact]
    public void Target_of_no_change_is_the_prior_year_itself_and_unknown_months_stay_unknown()
    {
        var prior = Prior.Select((v, i) => i == 4 ? null : v).ToList();
        var path = TargetPath.Of(Borken.K2().Target, prior);
        Assert.Equal(R("1200"), path[11]);
        Assert.Null(path[4]);
    }

    [Fact]
    public void Absolute_level_is_the_same_at_every_month()
    {
        var target = Borken.Integrations().Target with { Comparison = Comparison.AbsoluteLevel, TargetValue = R("3600") };
        Assert.All(TargetPath.Of(target, Prior), v => Assert.Equal(R("3600"), v));
    }

    [Fact]
    public void Observation_has_no_path()
    {
        Assert.All(TargetPath.Of(Borken.RefugeesObserved().Target, Prior), Assert.Null);
        Assert.Throws<ArgumentException>(() => TargetPath.Of(Borken.K2().Target, Prior.Take(11).ToList()));
    }
}
