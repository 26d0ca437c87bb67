using static Monitoring.Attainment.Tests.Crafted;

namespace Monitoring.Attainment.Tests;

public class ForecastTests
{
    // An earlier year of year-to-date sums whose October is 100 and December is `december` (other months do not matter).
    private static IReadOnlyList<SteeringPoint> EarlierYear(int year, string december) => Enumerable.Range(1, 12)
        .Select(m => new SteeringPoint(new YearMonth(year, m), m switch { 10 => R("100"), 12 => R(december), _ => R("1") * m * 10 },
            null, null, null, null, null))
        .ToList();

    // Ratios December / October: 1.25, 1.3, 1.2 (2015..2017).
    private static readonly IReadOnlyList<IReadOnlyList<SteeringPoint>> Pattern =
        [EarlierYear(2015, "125"), EarlierYear(2016, "130"), EarlierYear(2017, "120")];

    [Fact]
    public void Forecast_is_current_times_the_median_ratio_with_the_min_max_band()
    {
        // October 2018 = 1000; ratios sorted 1.2, 1.25, 1.3 → forecast 1250, band [1200, 1300]; prior year end 1200.
        var forecast = SeasonalForecast.Compute(R("1000"), 10, Pattern, R("1200"))!;
        Assert.Equal(R("1250"), forecast.Value);
        Assert.Equal(R("1200"), forecast.Low);
        Assert.Equal(R("1300"), forecast.High);
        Assert.Equal(new Rational(25, 6), forecast.ChangePercent); // 50 / 1200 × 100
        Assert.Equal(Rational.Zero, forecast.LowChangePercent);
        Assert.Equal(new Rational(25, 3), forecast.HighChangePercent); // 100 / 1200 × 100
        Assert.Equal(3, forecast.YearsInPattern);
    }

    [Fact]
    public void Even_number_of_years_takes_the_mean_of_the_middle_ratios_and_at_most_five_years_count()
    {
        // Oldest first 2010, 2011, 2012 (ratio 2), 2015..2017: the latest five drop 2010 → 1.2, 1.25, 1.3, 2, 2 → median 1.3
        // (with all six it would be (1.3 + 2) / 2).
        IReadOnlyList<IReadOnlyList<SteeringPoint>> six = [EarlierYear(2010, "200"), EarlierYear(2011, "200"), EarlierYear(2012, "200"), .. Pattern];
        Assert.Equal(R("1300"), SeasonalForecast.Compute(R("1000"), 10, six, null)!.Value);
        // Two years: 1.25 and 1.3 → median 1.275.
        Assert.Equal(R("1275"), SeasonalForecast.Compute(R("1000"), 10, [Pattern[0], Pattern[1]], null)!.Value);
    }

    private static AttainmentStatus OctoberStatus(string goal, string tolerance = "0")
    {
        // October 2018 year-to-date 1000 (= October 2017); ratios 1.25, 1.3, 1.2; the prior year 2017 ended at 1200:
        // forecast band [1200, 1300] → changes [0, 25/3] %.
        var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, goal, tolerance: tolerance);
        var points = Enumerable.Range(1, 10).Select(m => new SteeringPoint(new YearMonth(2018, m), R("100") * m, null, null, R("100") * m,
            Rational.Zero, null)).ToList();
        IReadOnlyList<IReadOnlyList<SteeringPoint>> pattern = [EarlierYear(2015, "125"), EarlierYear(2016, "130"), ScaledPriorYear()];
        return AttainmentCalculator.Evaluate(target, points, pattern, Inputs).Months[9].Status;
    }

    // 2017: October 1000 (ratio basis), December 1200: ratio 1.2, prior year end 1200.
    private static IReadOnlyList<SteeringPoint> ScaledPriorYear() => Enumerable.Range(1, 12)
        .Select(m => new SteeringPoint(new YearMonth(2017, m), m switch { 10 => R("1000"), 12 => R("1200"), _ => R("100") * m }, null, null, null, null, null))
        .ToList();

    [Theory]
    [InlineData("0.0", "0", AttainmentStatus.OnTrack)]  // band of changes [0, 8.33] %: the unfavourable end 0 meets ≥ 0 (the edge)
    [InlineData("2.0", "0", AttainmentStatus.AtRisk)]   // 0 < 2 ≤ 8.33
    [InlineData("2.0", "2", AttainmentStatus.OnTrack)]  // tolerance 2 points: 0 ≥ 2 − 2
    [InlineData("10.0", "0", AttainmentStatus.OffTrack)] // even the favourable end 8.33 misses 10
    public void Status_during_the_year_comes_from_the_forecast_band(string goal, string tolerance, AttainmentStatus expected) =>
        Assert.Equal(expected, OctoberStatus(goal, tolerance));

    [Fact]
    public void At_most_target_uses_the_high_end_as_unfavourable()
    {
        // Same band [0, 8.33] %; "≤ 5 %": high 8.33 > 5, low 0 ≤ 5 → AtRisk; "≤ 9 %": OnTrack; "≤ −1 %": OffTrack.
        AttainmentStatus Status(string goal)
        {
            var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtMost, goal);
            var points = Enumerable.Range(1, 10).Select(m => new SteeringPoint(new YearMonth(2018, m), R("100") * m, null, null, R("100") * m,
                Rational.Zero, null)).ToList();
            return AttainmentCalculator.Evaluate(target, points, [EarlierYear(2015, "125"), EarlierYear(2016, "130"), ScaledPriorYear()], Inputs)
                .Months[9].Status;
        }

        Assert.Equal(AttainmentStatus.AtRisk, Status("5"));
        Assert.Equal(AttainmentStatus.OnTrack, Status("9"));
        Assert.Equal(AttainmentStatus.OffTrack, Status("-1"));
    }

    [Fact]
    public void Without_earlier_years_the_status_is_the_naive_comparison()
    {
        var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2.1");
        var table = new QuantityTable().Fill("integrations", 2017, "100").Fill("integrations", 2018, "101", 1, 3);
        var march = Evaluate(target, table, throughMonth: 3).Months[2];
        Assert.Null(march.Forecast);
        Assert.Equal(AttainmentStatus.OffTrack, march.Status); // +1 % < 2.1
    }
}
