using Kpi.Computation;
using Kpi.DataGenerator;

namespace Monitoring.Backtest;

internal static class GeneratedData
{
    /// <summary>The final-basis totals of every base quantity, per jobcenter.</summary>
    public static IReadOnlyDictionary<string, QuantityTable> FinalTotals()
    {
        var quantityCodes = KpiCatalogue.Quantities.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        var tables = new Dictionary<string, QuantityTable>(StringComparer.Ordinal);
        var generator = new KpiDataGenerator(new GeneratorOptions { Basis = BasisSelection.Final });
        foreach (var row in generator.Rows())
        {
            if (row.Sex is not (Zielsteuerung.Kpi.V1.Sex.Total or Zielsteuerung.Kpi.V1.Sex.Unspecified) || !quantityCodes.Contains(row.Code))
            {
                continue;
            }

            if (!tables.TryGetValue(row.Jobcenter, out var table))
            {
                tables[row.Jobcenter] = table = new QuantityTable();
            }

            table.Set(row.Code, YearMonth.Parse(row.Month), Rational.Parse(row.Value));
        }

        return tables;
    }
}
