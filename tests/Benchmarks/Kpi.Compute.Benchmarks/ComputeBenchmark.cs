using System.Diagnostics;
using System.Globalization;
using Kpi.Computation;

namespace Kpi.Compute.Benchmarks;

/// <summary>
/// "compute": Kpi.Computation alone, in process. Input: synthetic base quantities of 53 jobcenters for 2010-01..2025-12
/// (15 years 2011–2025 plus the prior year 2010). One run computes, for every jobcenter and every year 2011–2025, all
/// twelve months of: the JFW of K2, K2E4 and K3E1; the JDW of lzb_stock and elb_stock; the year-to-date sum of
/// integrations; the month value of lzb_stock (its December value among them); the month value of each of the 15
/// figures K1 … K3E4. Each point is the value and the prior year's value at the same month with the change between
/// them (so every point computes the measure twice). Then the group "all 53" pooled: QuantityTable.Pool of all 16
/// quantities over 2009-12..2025-12 and the same steering values on it. Points of 2011 whose prior year needs 2009 data
/// come out as missing (counted, still computed). Warm-up once, then --runs measured runs.
/// </summary>
internal static class ComputeBenchmark
{
    private const int Jobcenters = 53;
    private const int FirstYear = 2011;
    private const int LastYear = 2025;
    private const int Seed = 20_250_101;
    private const double TargetSeconds = 2.0;

    private static readonly (SteeringMeasure Measure, string Code)[] Series =
    [
        (SteeringMeasure.Jfw, "K2"), (SteeringMeasure.Jfw, "K2E4"), (SteeringMeasure.Jfw, "K3E1"),
        (SteeringMeasure.Jdw, "lzb_stock"), (SteeringMeasure.Jdw, "elb_stock"),
        (SteeringMeasure.YearToDateSum, "integrations"),
        (SteeringMeasure.MonthValue, "lzb_stock"),
        .. KpiCatalogue.Figures.Select(f => (SteeringMeasure.MonthValue, f.Id)),
    ];

    public static int Run(string[] args)
    {
        var runs = IntOption(args, "--runs", 5);
        var check = args.Contains("--check");
        var first = new YearMonth(FirstYear - 1, 1);
        var last = new YearMonth(LastYear, 12);
        var building = Stopwatch.StartNew();
        var jobcenters = SyntheticJobcenters.Create(Jobcenters, first, last, Seed);
        Console.WriteLine($"KPI compute benchmark: {Jobcenters} synthetic jobcenters, {first}..{last} (seed {Seed}), built in {building.Elapsed.TotalSeconds:F2} s; {Environment.ProcessorCount} cores, load average before: {LoadAverage()}");
        Console.WriteLine($"  per jobcenter and year {FirstYear}–{LastYear}, January..December: {string.Join(", ", Series.Select(s => $"{Name(s.Measure)} {s.Code}"))}");
        Console.WriteLine($"  each point: value and prior-year value and change; then the pooled group \"all {Jobcenters}\" (Pool + the same series)");

        var warmUp = RunOnce(jobcenters);
        Console.WriteLine($"  warm-up: {warmUp.Seconds:F3} s, {warmUp.Points:N0} points ({warmUp.Complete:N0} with value and change, {warmUp.Points - warmUp.Complete:N0} with something missing)");
        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = RunOnce(jobcenters);
            if (result.Checksum != warmUp.Checksum)
            {
                throw new InvalidOperationException($"run {run} computed other values than the warm-up");
            }

            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: {result.Seconds:F3} s (53 jobcenters {result.Seconds - result.GroupSeconds:F3} s, pooled group {result.GroupSeconds:F3} s of which Pool {result.PoolSeconds:F3} s), {result.Points / result.Seconds:N0} points/s"));
        }

        var seconds = results.Select(r => r.Seconds).Order().ToList();
        var median = seconds[seconds.Count / 2];
        var passed = median <= TargetSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all steering values, {warmUp.Points:N0} points ({Jobcenters} jobcenters + pooled group, {FirstYear}–{LastYear}): min {seconds[0]:F3} s, median {median:F3} s, max {seconds[^1]:F3} s over {runs} runs (target <= {TargetSeconds:F0} s): {(passed ? "PASS" : "FAIL")}"));
        Console.WriteLine($"  for a look at the numbers, the pooled group in December {LastYear}: {warmUp.Sample}");
        return check && !passed ? 1 : 0;
    }

    private static RunResult RunOnce(QuantityTable[] jobcenters)
    {
        var tally = new Tally();
        var stopwatch = Stopwatch.StartNew();
        foreach (var jobcenter in jobcenters)
        {
            ComputeAll(jobcenter, tally);
        }

        var groupStart = stopwatch.Elapsed;
        var codes = KpiCatalogue.Quantities.Select(q => q.Code).ToList();
        var pooled = QuantityTable.Pool(jobcenters, codes, new YearMonth(FirstYear - 2, 12), new YearMonth(LastYear, 12));
        var poolSeconds = (stopwatch.Elapsed - groupStart).TotalSeconds;
        ComputeAll(pooled, tally);
        var total = stopwatch.Elapsed;
        return new RunResult(total.TotalSeconds, (total - groupStart).TotalSeconds, poolSeconds, tally.Points, tally.Complete, tally.Checksum, Sample(pooled));
    }

    private static void ComputeAll(IQuantitySeries subject, Tally tally)
    {
        for (var year = FirstYear; year <= LastYear; year++)
        {
            foreach (var (measure, code) in Series)
            {
                foreach (var point in SteeringCalculator.Compute(measure, code, subject, year))
                {
                    tally.Add(point);
                }
            }
        }
    }

    private static string Name(SteeringMeasure measure) => measure switch
    {
        SteeringMeasure.Jfw => "JFW",
        SteeringMeasure.Jdw => "JDW",
        SteeringMeasure.YearToDateSum => "year-to-date sum",
        _ => "month value",
    };

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Sample(IQuantitySeries pooled)
    {
        var jfw = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", pooled, LastYear)[11];
        var jdw = SteeringCalculator.Compute(SteeringMeasure.Jdw, "lzb_stock", pooled, LastYear)[11];
        return $"K2 (JFW) {jfw.Value?.ToDecimalString(1)} % ({jfw.Numerator?.ToExactString()} integrations / {jfw.Denominator?.ToDecimalString(1)} ELB, "
            + $"{jfw.ChangePercent?.ToDecimalString(1)} % against {LastYear - 1}); JDW of lzb_stock {jdw.Value?.ToDecimalString(1)} ({jdw.ChangePercent?.ToDecimalString(1)} %)";
    }

    // Checksum: HashCode is seeded per process, so it only compares the runs of one process.
    private sealed record RunResult(double Seconds, double GroupSeconds, double PoolSeconds, int Points, int Complete, int Checksum, string Sample);

    // Counts the points and hashes their values, so every result is used and runs can be compared.
    private sealed class Tally
    {
        public int Points { get; private set; }

        public int Complete { get; private set; }

        public int Checksum { get; private set; }

        public void Add(SteeringPoint point)
        {
            Points++;
            if (point.ChangePercent is not null)
            {
                Complete++;
            }

            Checksum = HashCode.Combine(Checksum, point.Value, point.ChangePercent);
        }
    }
}
