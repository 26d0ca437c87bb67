using System.Diagnostics;
using System.Globalization;
using Kpi.Computation;
using Monitoring.Attainment;
using Monitoring.Backtest;

const int FirstYear = 2016, LastYear = 2025, CallMonth = 10;
var clock = Stopwatch.StartNew();
var tables = GeneratedData.FinalTotals();
var scope = new Scope(Aggregation.SingleJobcenter, []);
Target Make(string code, TargetMeasure measure, Direction direction, string goal) =>
    new($"{code}-{measure}", GoalKind.Quantitative, new Indicator(code), measure, Comparison.RelativeChangePercent, direction,
        Rational.Parse(goal), DataBasis.Final, Sex.Total, scope, $"{code} {measure} change {direction} {goal} %");
Target[] targets =
[
    Make("K2", TargetMeasure.CalendarYearValue, Direction.AtLeast, "0"),
    Make("lzb_stock", TargetMeasure.AnnualAverage, Direction.AtMost, "0"),
    Make("integrations", TargetMeasure.AnnualSum, Direction.AtLeast, "2"),
];
string[] labels = ["K2 JFW >= 0 %", "JDW lzb_stock <= 0 %", "YTD integrations >= +2 %"];
var tallies = targets.Select(_ => new Tally()).ToArray();
var provenance = new Provenance("backtest", 1, ["kpi-generate seed 2018 final"]);

foreach (var table in tables.Values)
{
    for (var t = 0; t < targets.Length; t++)
    {
        var target = targets[t];
        var series = new Dictionary<int, IReadOnlyList<SteeringPoint>>();
        IReadOnlyList<SteeringPoint> Year(int year) => series.TryGetValue(year, out var s) ? s
            : series[year] = SteeringCalculator.Compute(target.SteeringMeasure, target.Indicator.Code, table, year);
        for (var year = FirstYear; year <= LastYear; year++)
        {
            var earlier = Enumerable.Range(year - SeasonalForecast.MaxYearsInPattern, SeasonalForecast.MaxYearsInPattern)
                .Where(y => y >= 2011).Select(Year).ToList();
            var full = Year(year);
            var outcome = AttainmentCalculator.Evaluate(target, full, earlier, provenance).Months[11];
            var october = AttainmentCalculator.Evaluate(target, full.Take(CallMonth).ToList(), earlier, provenance).Months[CallMonth - 1];
            tallies[t].Add(october, outcome);
        }
    }
}

var total = new Tally();
foreach (var tally in tallies)
{
    total.Merge(tally);
}

Console.WriteLine($"Backtest: {tables.Count} jobcenters, {FirstYear}-{LastYear}, final basis, status called with data through {CallMonth:D2} vs December outcome");
Console.WriteLine($"{"target",-26} {"years",6} {"missed",7} {"missed→OnTrack",15} {"achieved",9} {"achieved→OffTrack",18} {"AtRisk",14} {"band coverage",14}");
for (var t = 0; t < targets.Length; t++)
{
    Console.WriteLine(tallies[t].Row(labels[t]));
}

Console.WriteLine(total.Row("overall"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({clock.Elapsed.TotalSeconds:F1} s)"));

internal sealed class Tally
{
    private int _years, _missed, _missedOnTrack, _achieved, _achievedOffTrack, _atRisk, _withBand, _inBand;

    public void Add(MonthAttainment october, MonthAttainment december)
    {
        if (december.Status is not (AttainmentStatus.Achieved or AttainmentStatus.Missed))
        {
            return;
        }

        _years++;
        _atRisk += october.Status == AttainmentStatus.AtRisk ? 1 : 0;
        if (december.Status == AttainmentStatus.Missed)
        {
            _missed++;
            _missedOnTrack += october.Status == AttainmentStatus.OnTrack ? 1 : 0;
        }
        else
        {
            _achieved++;
            _achievedOffTrack += october.Status == AttainmentStatus.OffTrack ? 1 : 0;
        }

        if (october.Forecast is { } band && december.Value is { } value)
        {
            _withBand++;
            _inBand += value >= band.Low && value <= band.High ? 1 : 0;
        }
    }

    public void Merge(Tally other)
    {
        _years += other._years; _missed += other._missed; _missedOnTrack += other._missedOnTrack; _achieved += other._achieved;
        _achievedOffTrack += other._achievedOffTrack; _atRisk += other._atRisk; _withBand += other._withBand; _inBand += other._inBand;
    }

    public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-26} {_years,6} {_missed,7} {Share(_missedOnTrack, _missed),15} {_achieved,9} {Share(_achievedOffTrack, _achieved),18} {Share(_atRisk, _years),14} {Share(_inBand, _withBand),14}");

    private static string Share(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{part}/{whole} {100.0 * part / whole:F1}%");
}
