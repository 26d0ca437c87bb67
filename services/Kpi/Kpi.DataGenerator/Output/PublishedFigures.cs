using System.Globalization;
using Kpi.Csv;
using Kpi.DataGenerator.Model;
using Zielsteuerung.Kpi.V1;

namespace Kpi.DataGenerator.Output;

/// <summary>The published figures K1 … K3E4 of one jobcenter, computed from its generated quantities by DOMAIN.md § 4:
/// 12-month sums over the mean stock of the 12 months lagged one month (K2, K2E1, K2E2, K2E4, K3E1); the
/// stock-weighted mean for the average rates (Σ flows / Σ stocks: K1E3, K3E3 over the same month's stock, K1E4,
/// K3E4 over the prior month's); the month against the same month a year before for the change figures.
/// Values have 1 decimal, rounded half away from zero, and the numerator and denominator written with them give
/// that value exactly (the service's consistency rule).</summary>
/// <remarks>Computed here, not with Kpi.Computation, on purpose: the generator plays BA Statistik, and a second,
/// independent reading of the Verordnung is what makes the service's published-vs-computed comparison a check of both.</remarks>
internal sealed class PublishedFigures
{
    private const int Window = 12;

    private enum Form { Change, SumOverMeanStock, FlowsOverStocks, FlowsOverPriorStocks, SumOverSum, MonthShare }

    private sealed record Figure(string Id, Form Form, Quantity Numerator, Quantity Denominator, bool BySex = true);

    private static readonly Figure[] Figures =
    [
        new("K1", Form.Change, Quantity.LivingCostBenefits, Quantity.LivingCostBenefits, BySex: false),
        new("K1E1", Form.Change, Quantity.HousingBenefits, Quantity.HousingBenefits, BySex: false),
        new("K1E2", Form.Change, Quantity.ElbStock, Quantity.ElbStock),
        new("K1E3", Form.FlowsOverStocks, Quantity.ElbIntakes, Quantity.ElbStock),
        new("K1E4", Form.FlowsOverPriorStocks, Quantity.ElbExits, Quantity.ElbStock),
        new("K2", Form.SumOverMeanStock, Quantity.Integrations, Quantity.ElbStock),
        new("K2E1", Form.SumOverMeanStock, Quantity.EntriesMarginalEmployment, Quantity.ElbStock),
        new("K2E2", Form.SumOverMeanStock, Quantity.EntriesFundedEmployment, Quantity.ElbStock),
        new("K2E3", Form.SumOverSum, Quantity.ContinuedEmployments, Quantity.Integrations),
        new("K2E4", Form.SumOverMeanStock, Quantity.IntegrationsSingleParents, Quantity.SingleParentsStock),
        new("K3", Form.Change, Quantity.LzbStock, Quantity.LzbStock),
        new("K3E1", Form.SumOverMeanStock, Quantity.IntegrationsLzb, Quantity.LzbStock),
        new("K3E2", Form.MonthShare, Quantity.LzbInMeasures, Quantity.LzbStock),
        new("K3E3", Form.FlowsOverStocks, Quantity.LzbIntakes, Quantity.LzbStock),
        new("K3E4", Form.FlowsOverPriorStocks, Quantity.LzbExits, Quantity.LzbStock),
    ];

    private static readonly Figure ActivationRate = Figures.Single(f => f.Id == "K3E2");

    // The last 13 months: the window and the month before it.
    private readonly MonthQuantities?[] _months = new MonthQuantities?[Window + 1];
    private int _count;

    public void Add(MonthQuantities quantities)
    {
        _months[_count % _months.Length] = quantities;
        _count++;
    }

    /// <summary>The figures of the month added last, once 12 months of history precede it.</summary>
    public IEnumerable<KpiCsvRecord> Rows(string ags, string month, int monthIndex, (DataBasis Basis, int Index)[] bases)
    {
        if (_count <= Window) yield break;
        foreach (var figure in Figures)
            foreach (var sex in Sexes(figure))
                foreach (var (basis, basisIndex) in bases)
                    if (Compute(figure, sex, basisIndex) is { } row)
                        yield return new KpiCsvRecord(ags, month, figure.Id, KpiDataGenerator.SexOf(sex), basis, row.Value, row.Numerator, row.Denominator);
    }

    /// <summary>K3E2 of one month alone (it has no window), e.g. after a correction of lzb_in_measures.</summary>
    public static IEnumerable<KpiCsvRecord> ActivationRows(string ags, string month, MonthQuantities quantities, (DataBasis Basis, int Index)[] bases)
    {
        foreach (var sex in Sexes(ActivationRate))
            foreach (var (basis, basisIndex) in bases)
                if (Written(ActivationRate, quantities[Quantity.LzbInMeasures, sex, basisIndex], quantities[Quantity.LzbStock, sex, basisIndex]) is { } row)
                    yield return new KpiCsvRecord(ags, month, ActivationRate.Id, KpiDataGenerator.SexOf(sex), basis, row.Value, row.Numerator, row.Denominator);
    }

    private static IEnumerable<int> Sexes(Figure figure) =>
        figure.BySex ? [MonthQuantities.Total, MonthQuantities.Women, MonthQuantities.Men] : [MonthQuantities.Total];

    // ago = 0 is the month added last.
    private long Value(Quantity quantity, int ago, int sex, int basis) =>
        _months[(_count - 1 - ago) % _months.Length]![quantity, sex, basis];

    private long Sum(Quantity quantity, int from, int sex, int basis)
    {
        long sum = 0;
        for (var ago = from; ago < from + Window; ago++) sum += Value(quantity, ago, sex, basis);
        return sum;
    }

    private (string Value, string Numerator, string Denominator)? Compute(Figure figure, int sex, int basis)
    {
        var n = figure.Numerator;
        var d = figure.Denominator;
        return figure.Form switch
        {
            Form.Change => Written(figure, Value(n, 0, sex, basis), Value(d, Window, sex, basis)),
            Form.SumOverMeanStock => Written(figure, Sum(n, 0, sex, basis), (decimal)Sum(d, 1, sex, basis) / Window),
            Form.FlowsOverStocks => Written(figure, Sum(n, 0, sex, basis), Sum(d, 0, sex, basis)),
            Form.FlowsOverPriorStocks => Written(figure, Sum(n, 0, sex, basis), Sum(d, 1, sex, basis)),
            Form.SumOverSum => Written(figure, Sum(n, 0, sex, basis), Sum(d, 0, sex, basis)),
            _ => Written(figure, Value(n, 0, sex, basis), Value(d, 0, sex, basis)),
        };
    }

    /// <summary>The value with 1 decimal and the numerator and denominator as written: a denominator that is not a
    /// whole number gets as many decimals as it takes for the written numbers to give the same rounded value.</summary>
    private static (string Value, string Numerator, string Denominator)? Written(Figure figure, decimal numerator, decimal denominator)
    {
        if (denominator == 0) return null;
        var value = Percent(figure, numerator, denominator);
        var written = denominator;
        for (var decimals = 2; decimals <= 12; decimals += 2)
        {
            written = Math.Round(denominator, decimals, MidpointRounding.AwayFromZero);
            if (written == denominator || Percent(figure, numerator, written) == value) break;
        }
        return (value.ToString("0.0", CultureInfo.InvariantCulture), Text(numerator), Text(written));
    }

    private static decimal Percent(Figure figure, decimal numerator, decimal denominator)
    {
        var ratio = numerator / denominator;
        var percent = figure.Form == Form.Change ? (ratio - 1) * 100 : ratio * 100;
        var rounded = Math.Round(percent, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0.0m : rounded;
    }

    private static string Text(decimal value) =>
        (value == decimal.Truncate(value) ? decimal.Truncate(value) : value / 1.000000000000000000000000000000000m)
            .ToString(CultureInfo.InvariantCulture);
}
