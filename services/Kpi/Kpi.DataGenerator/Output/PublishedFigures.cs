using Kpi.Csv;
using Kpi.DataGenerator.Model;
using Zielsteuerung.Kpi.V1;

namespace Kpi.DataGenerator.Output;

/// <summary>The published figures of one jobcenter, computed from its quantities (placeholder until Kpi.Computation).</summary>
internal sealed class PublishedFigures
{
    public void Add(MonthQuantities quantities) { }

    public IEnumerable<KpiCsvRecord> Rows(string ags, string month, int monthIndex, (DataBasis Basis, int Index)[] bases) => [];

    public static IEnumerable<KpiCsvRecord> ActivationRows(string ags, string month, MonthQuantities quantities, (DataBasis Basis, int Index)[] bases) => [];
}
