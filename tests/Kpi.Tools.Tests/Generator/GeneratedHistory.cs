using System.Globalization;
using Kpi.DataGenerator;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

/// <summary>The full final history of the default seed, generated once for the magnitude tests.</summary>
public sealed class GeneratedHistory
{
    private readonly Dictionary<(string Jobcenter, string Month, string Code, Sex Sex), long> _values = [];

    public GeneratedHistory()
    {
        foreach (var row in new KpiDataGenerator(new GeneratorOptions { Basis = BasisSelection.Final }).Rows())
            _values.Add((row.Jobcenter, row.Month, row.Code, row.Sex), long.Parse(row.Value, CultureInfo.InvariantCulture));
        Jobcenters = _values.Keys.Select(k => k.Jobcenter).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> Jobcenters { get; }

    public int Count => _values.Count;

    public long this[string jobcenter, string month, string code, Sex sex = Sex.Total] => _values[(jobcenter, month, code, sex)];

    public bool Has(string jobcenter, string month, string code, Sex sex) => _values.ContainsKey((jobcenter, month, code, sex));

    public static IEnumerable<string> MonthsOf(int year) => Enumerable.Range(1, 12).Select(m => $"{year}-{m:D2}");

    public double YearMean(string jobcenter, int year, string code, Sex sex = Sex.Total) =>
        MonthsOf(year).Average(m => (double)this[jobcenter, m, code, sex]);

    public long YearSum(string jobcenter, int year, string code, Sex sex = Sex.Total) =>
        MonthsOf(year).Sum(m => this[jobcenter, m, code, sex]);

    /// <summary>The calendar year's integration rate in %: integrations January..December / mean stock of
    /// December (prior year) .. November, as the JFW of December.</summary>
    public double YearRate(string jobcenter, int year, string flow, string stock, Sex sex = Sex.Total)
    {
        var stockMonths = new[] { $"{year - 1}-12" }.Concat(MonthsOf(year).Take(11));
        return 100.0 * YearSum(jobcenter, year, flow, sex) / stockMonths.Average(m => (double)this[jobcenter, m, stock, sex]);
    }
}
