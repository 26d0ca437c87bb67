using System.Globalization;
using Kpi.DataGenerator;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

public class BasisTests
{
    private static readonly List<Kpi.Csv.KpiCsvRecord> Rows =
        new KpiDataGenerator(new GeneratorOptions { From = "2018-01", To = "2018-12" }).Rows().ToList();

    private static IEnumerable<(string Code, double Final, double T0)> Pairs() => Rows
        .GroupBy(r => (r.Jobcenter, r.Month, r.Code, r.Sex))
        .Select(g => (g.Key.Code,
            double.Parse(g.Single(r => r.Basis == DataBasis.Final).Value, CultureInfo.InvariantCulture),
            double.Parse(g.Single(r => r.Basis == DataBasis.T0).Value, CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_value_comes_twice_t0_then_final()
    {
        Assert.Equal(53 * 12 * 44 * 2, Rows.Count);
        Assert.Equal([DataBasis.T0, DataBasis.Final], Rows.Take(2).Select(r => r.Basis));
    }

    [Fact]
    public void Flows_at_t0_are_half_to_two_percent_lower_than_final()
    {
        var integrations = Pairs().Where(p => p.Code == "integrations" && p.Final >= 500).ToList();
        Assert.NotEmpty(integrations);
        Assert.All(integrations, p => Assert.InRange(1 - p.T0 / p.Final, 0.004, 0.021));
    }

    [Fact]
    public void Stocks_at_t0_mostly_equal_final()
    {
        var stocks = Pairs().Where(p => p.Code == "elb_stock").ToList();
        var equal = stocks.Count(p => p.T0 == p.Final);
        Assert.InRange(equal / (double)stocks.Count, 0.8, 0.99);
        Assert.All(stocks, p => Assert.InRange(p.T0 / p.Final, 0.997, 1.0));
    }

    [Fact]
    public void One_basis_alone_is_the_same_values()
    {
        var finalOnly = new KpiDataGenerator(new GeneratorOptions { From = "2018-01", To = "2018-12", Basis = BasisSelection.Final }).Rows();
        Assert.Equal(Rows.Where(r => r.Basis == DataBasis.Final), finalOnly);
    }
}
