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
    public void Forecast_is_current_times_the_median_ratio_with_the_band_median_plus_minus_k_times_the_range()
    {
        // October 2018 = 1000; ratios sorted 1.2, 1.25, 1.3 → median 1.25, range 0.1, k(3) = 1.29 → half-width 0.129:
        // band ratios [1.121, 1.379] → forecast 1250, band [1121, 1379] (the min–max band was [1200, 1300]); prior year end 1200.
        var forecast = SeasonalForecast.Compute(R("1000"), 10, Pattern, R("1200"))!;
        Assert.Equal(R("1250"), forecast.Value);
        Assert.Equal(R("1121"), forecast.Low);
        Assert.Equal(R("1379"), forecast.High);
        Assert.Equal(new Rational(25, 6), forecast.ChangePercent); // 50 / 1200 × 100
        Assert.Equal(new Rational(-79, 12), forecast.LowChangePercent); // −79 / 1200 × 100
        Assert.Equal(new Rational(179, 12), forecast.HighChangePercent); // 179 / 1200 × 100
        Assert.Equal(3, forecast.YearsInPattern);
    }

    [Fact]
    public void Five_years_give_the_band_median_plus_minus_0_72_times_the_range()
    {
        // Ratios 1.1 .. 1.5: median 1.3, range 0.4, half-width 0.72 × 0.4 = 0.288 → [1.012, 1.588] × 1000; prior end 1250:
        // changes 4 %, (1012 − 1250) / 1250 × 100 = −19.04 %, (1588 − 1250) / 1250 × 100 = 27.04 %.
        IReadOnlyList<IReadOnlyList<SteeringPoint>> five =
            [EarlierYear(2013, "150"), EarlierYear(2014, "110"), EarlierYear(2015, "130"), EarlierYear(2016, "140"), EarlierYear(2017, "120")];
        var forecast = SeasonalForecast.Compute(R("1000"), 10, five, R("1250"))!;
        Assert.Equal((R("1300"), R("1012"), R("1588")), (forecast.Value, forecast.Low, forecast.High));
        Assert.Equal((R("4"), R("-19.04"), R("27.04")), (forecast.ChangePercent!.Value, forecast.LowChangePercent!.Value, forecast.HighChangePercent!.Value));
        Assert.Equal(5, forecast.YearsInPattern);
    }

    [Fact]
    public void Two_years_widen_the_range_by_3_34_and_the_low_end_stops_at_zero()
    {
        // 1.25 and 1.3: median 1.275, half-width 3.34 × 0.05 = 0.167 → [1108, 1442].
        var two = SeasonalForecast.Compute(R("1000"), 10, [Pattern[0], Pattern[1]], null)!;
        Assert.Equal((R("1275"), R("1108"), R("1442")), (two.Value, two.Low, two.High));
        Assert.Null(two.LowChangePercent);
        // 1 and 3: median 2, half-width 3.34 × 2 = 6.68 → the low ratio −4.68 is cut at 0 (no steering value is negative).
        var wide = SeasonalForecast.Compute(R("1000"), 10, [EarlierYear(2016, "100"), EarlierYear(2017, "300")], null)!;
        Assert.Equal((R("2000"), Rational.Zero, R("8680")), (wide.Value, wide.Low, wide.High));
    }

    [Fact]
    public void Multiplier_falls_with_the_number_of_years_and_is_zero_for_one()
    {
        Assert.Equal([Rational.Zero, R("3.34"), R("1.29"), R("0.89"), R("0.72")],
            Enumerable.Range(1, SeasonalForecast.MaxYearsInPattern).Select(SeasonalForecast.BandMultiplier));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeasonalForecast.BandMultiplier(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeasonalForecast.BandMultiplier(6));
    }

    [Fact]
    public void One_year_collapses_the_band_to_its_forecast()
    {
        // One ratio has no spread to measure: value = low = high = 1000 × 1.25.
        var forecast = SeasonalForecast.Compute(R("1000"), 10, [Pattern[0]], R("1200"))!;
        Assert.Equal((R("1250"), R("1250"), R("1250")), (forecast.Value, forecast.Low, forecast.High));
        Assert.Equal(1, forecast.YearsInPattern);
    }

    [Theory]
    [InlineData("0.0", AttainmentStatus.OnTrack)]  // forecast change exactly 0 (the edge); a collapsed band is never AtRisk
    [InlineData("0.1", AttainmentStatus.OffTrack)]
    public void With_the_prior_year_as_the_only_year_the_status_is_the_naive_comparison(string goal, AttainmentStatus expected)
    {
        // October 2018 = October 2017 = 1000 (naive change 0 %); 2017's ratio 1.2 → forecast 1200 = 2017's December: change 0 %.
        var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, goal);
        var october = AttainmentCalculator.Evaluate(target, ThisYear(), [ScaledPriorYear()], Inputs).Months[9];
        Assert.Equal(Rational.Zero, october.ChangePercent);
        Assert.Equal((R("1200"), R("1200"), Rational.Zero), (october.Forecast!.Low, october.Forecast.High, october.Forecast.ChangePercent!.Value));
        Assert.Equal(expected, october.Status);
    }

    [Fact]
    public void Years_without_the_month_or_december_give_no_pattern_and_the_naive_status()
    {
        // An incomplete year, and one whose October is zero, give no ratio: no forecast, the status is the naive one.
        var incomplete = EarlierYear(2016, "130").Take(11).ToList();
        var zeroOctober = EarlierYear(2017, "120").Select(p => p.Month.Month == 10 ? p with { Value = Rational.Zero } : p).ToList();
        IReadOnlyList<IReadOnlyList<SteeringPoint>> unusable = [incomplete, zeroOctober];
        Assert.Null(SeasonalForecast.Compute(R("1000"), 10, unusable, R("1200")));
        var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "0.0");
        var october = AttainmentCalculator.Evaluate(target, ThisYear(), unusable, Inputs).Months[9];
        Assert.Null(october.Forecast);
        Assert.Equal(AttainmentStatus.OnTrack, october.Status); // the change so far, exactly 0 %, meets ≥ 0
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
        // forecast band [1121, 1379] → changes [−79/12, 179/12] ≈ [−6.58, 14.92] % (the min–max band gave [0, 8.33] %).
        var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, goal, tolerance: tolerance);
        IReadOnlyList<IReadOnlyList<SteeringPoint>> pattern = [EarlierYear(2015, "125"), EarlierYear(2016, "130"), ScaledPriorYear()];
        return AttainmentCalculator.Evaluate(target, ThisYear(), pattern, Inputs).Months[9].Status;
    }

    // 2018 January..October: year-to-date 100 × m, unchanged from 2017.
    private static List<SteeringPoint> ThisYear() => Enumerable.Range(1, 10)
        .Select(m => new SteeringPoint(new YearMonth(2018, m), R("100") * m, null, null, R("100") * m, Rational.Zero, null)).ToList();

    // 2017: October 1000 (ratio basis), December 1200: ratio 1.2, prior year end 1200.
    private static IReadOnlyList<SteeringPoint> ScaledPriorYear() => Enumerable.Range(1, 12)
        .Select(m => new SteeringPoint(new YearMonth(2017, m), m switch { 10 => R("1000"), 12 => R("1200"), _ => R("100") * m }, null, null, null, null, null))
        .ToList();

    [Theory]
    [InlineData("-6.5", "0", AttainmentStatus.AtRisk)]   // band of changes [−6.58, 14.92] %: the unfavourable end −6.58 < −6.5
    [InlineData("-7.0", "0", AttainmentStatus.OnTrack)]  // −6.58 ≥ −7
    [InlineData("0.0", "0", AttainmentStatus.AtRisk)]    // the min–max band called this OnTrack (its low end 0 met ≥ 0)
    [InlineData("0.0", "7", AttainmentStatus.OnTrack)]   // tolerance 7 points: −6.58 ≥ 0 − 7
    [InlineData("10.0", "0", AttainmentStatus.AtRisk)]   // the min–max band called this OffTrack (8.33 < 10)
    [InlineData("15.0", "0", AttainmentStatus.OffTrack)] // even the favourable end 14.92 misses 15
    public void Status_during_the_year_comes_from_the_forecast_band(string goal, string tolerance, AttainmentStatus expected) =>
        Assert.Equal(expected, OctoberStatus(goal, tolerance));

    [Fact]
    public void At_most_target_uses_the_high_end_as_unfavourable()
    {
        // Same band [−6.58, 14.92] %; "≤ 5 %": high 14.92 > 5, low −6.58 ≤ 5 → AtRisk; "≤ 15 %": OnTrack; "≤ −7 %": OffTrack.
        AttainmentStatus Status(string goal)
        {
            var target = Target("integrations", TargetMeasure.AnnualSum, Direction.AtMost, goal);
            return AttainmentCalculator.Evaluate(target, ThisYear(), [EarlierYear(2015, "125"), EarlierYear(2016, "130"), ScaledPriorYear()], Inputs)
                .Months[9].Status;
        }

        Assert.Equal(AttainmentStatus.AtRisk, Status("5"));
        Assert.Equal(AttainmentStatus.OnTrack, Status("15"));
        Assert.Equal(AttainmentStatus.OffTrack, Status("-7"));
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
