using System.Diagnostics;
using System.Globalization;
using Kpi.Computation;
using Monitoring.Attainment;
using Monitoring.Backtest;

// dotnet run -c Release --project tests/Benchmarks/Monitoring.Backtest
// For every jobcenter, target and year: the forecast made with data through each month Jan..Nov against the December
// outcome (band coverage and width), and the status called in October against it (docs/monitoring-attainment.md).
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
            if (outcome.Status is not (AttainmentStatus.Achieved or AttainmentStatus.Missed) || outcome.Value is not { } december)
            {
                continue;
            }

            for (var month = 1; month < 12; month++)
            {
                // As the service would call it: only the months known so far.
                var called = AttainmentCalculator.Evaluate(target, full.Take(month).ToList(), earlier, provenance).Months[month - 1];
                tallies[t].AddForecast(month, called.Forecast, december);
                if (month == CallMonth)
                {
                    tallies[t].AddCall(called.Status, outcome.Status);
                }
            }
        }
    }
}

var total = new Tally();
foreach (var tally in tallies)
{
    total.Merge(tally);
}

var rows = labels.Zip(tallies).Append(("overall", total)).ToList();
Console.WriteLine($"Backtest: {tables.Count} jobcenters, {FirstYear}-{LastYear}, final basis; status called with data through {CallMonth:D2} vs December outcome");
Console.WriteLine($"{"target",-26} {"years",6} {"missed",7} {"missed→OnTrack",15} {"achieved",9} {"achieved→OffTrack",18} {"AtRisk",14} {"Oct coverage",16} {"Oct width",10}");
foreach (var (label, tally) in rows)
{
    Console.WriteLine(tally.CallRow(label));
}

Console.WriteLine();
Console.WriteLine("December inside the band forecast with data through month m (%), and over all months Jan..Nov:");
Console.WriteLine(string.Concat($"{"target",-26}", string.Concat(Enumerable.Range(1, 11).Select(m => $" {m,5:D2}")), $" {"all",6}"));
foreach (var (label, tally) in rows)
{
    Console.WriteLine(tally.PerMonthRow(label, tally.Coverage));
}

Console.WriteLine();
Console.WriteLine("Mean band width (high − low change, percentage points of the prior year's December value):");
Console.WriteLine(string.Concat($"{"target",-26}", string.Concat(Enumerable.Range(1, 11).Select(m => $" {m,5:D2}")), $" {"all",6}"));
foreach (var (label, tally) in rows)
{
    Console.WriteLine(tally.PerMonthRow(label, tally.Width));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({clock.Elapsed.TotalSeconds:F1} s)"));

internal sealed class Tally
{
    private int _years, _missed, _missedOnTrack, _achieved, _achievedOffTrack, _atRisk;
    private readonly int[] _withBand = new int[12], _inBand = new int[12], _withWidth = new int[12];
    private readonly double[] _width = new double[12];

    public void AddCall(AttainmentStatus october, AttainmentStatus december)
    {
        _years++;
        _atRisk += october == AttainmentStatus.AtRisk ? 1 : 0;
        if (december == AttainmentStatus.Missed)
        {
            _missed++;
            _missedOnTrack += october == AttainmentStatus.OnTrack ? 1 : 0;
        }
        else
        {
            _achieved++;
            _achievedOffTrack += october == AttainmentStatus.OffTrack ? 1 : 0;
        }
    }

    public void AddForecast(int month, Forecast? band, Rational december)
    {
        if (band is null)
        {
            return;
        }

        _withBand[month]++;
        _inBand[month] += december >= band.Low && december <= band.High ? 1 : 0;
        if (band is { LowChangePercent: { } low, HighChangePercent: { } high })
        {
            _withWidth[month]++;
            _width[month] += double.Parse((high - low).ToDecimalString(6), CultureInfo.InvariantCulture);
        }
    }

    public void Merge(Tally other)
    {
        _years += other._years; _missed += other._missed; _missedOnTrack += other._missedOnTrack; _achieved += other._achieved;
        _achievedOffTrack += other._achievedOffTrack; _atRisk += other._atRisk;
        for (var m = 0; m < 12; m++)
        {
            _withBand[m] += other._withBand[m]; _inBand[m] += other._inBand[m]; _withWidth[m] += other._withWidth[m]; _width[m] += other._width[m];
        }
    }

    /// <summary>Share of Decembers inside the band forecast at <paramref name="month"/>, in %; 0 = all months.</summary>
    public double? Coverage(int month) => month == 0
        ? Ratio(_inBand.Sum(), _withBand.Sum())
        : Ratio(_inBand[month], _withBand[month]);

    /// <summary>Mean band width at <paramref name="month"/> in percentage points; 0 = all months.</summary>
    public double? Width(int month) => month == 0
        ? _withWidth.Sum() == 0 ? null : _width.Sum() / _withWidth.Sum()
        : _withWidth[month] == 0 ? null : _width[month] / _withWidth[month];

    public string CallRow(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-26} {_years,6} {_missed,7} {Share(_missedOnTrack, _missed),15} {_achieved,9} {Share(_achievedOffTrack, _achieved),18} {Share(_atRisk, _years),14} {Share(_inBand[10], _withBand[10]),16} {Width(10) ?? 0,10:F2}");

    public string PerMonthRow(string label, Func<int, double?> value) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-26}{string.Concat(Enumerable.Range(1, 11).Select(m => Format(value(m), 6)))}{Format(value(0), 7)}");

    private static string Format(double? value, int width) =>
        (value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-").PadLeft(width);

    private static double? Ratio(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;

    private static string Share(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{part}/{whole} {100.0 * part / whole:F1}%");
}
