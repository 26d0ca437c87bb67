using System.Globalization;
using Kpi.DataGenerator;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

public class RevisionTests
{
    private static readonly GeneratorOptions Options = new() { Revision = true, Basis = BasisSelection.Final };

    [Fact]
    public void Touches_only_lzb_in_measures_and_k3e2_of_july_to_september_2023_at_20_jobcenters()
    {
        var rows = new KpiDataGenerator(Options).Rows().ToList();

        Assert.Equal(["2023-07", "2023-08", "2023-09"], rows.Select(r => r.Month).Distinct().Order());
        Assert.Equal(20, rows.Select(r => r.Jobcenter).Distinct().Count());
        Assert.Subset(new HashSet<string> { "lzb_in_measures", "K3E2" }, rows.Select(r => r.Code).ToHashSet());
        Assert.Equal(20 * 3 * 3, rows.Count(r => r.Code == "lzb_in_measures"));
    }

    [Fact]
    public void Changes_the_values_by_a_few_percent()
    {
        var revised = new KpiDataGenerator(Options).Rows().Where(r => r.Code == "lzb_in_measures" && r.Sex == Sex.Total).ToList();
        var original = new KpiDataGenerator(new GeneratorOptions { From = "2023-07", To = "2023-09", Basis = BasisSelection.Final }).Rows()
            .Where(r => r.Code == "lzb_in_measures" && r.Sex == Sex.Total)
            .ToDictionary(r => (r.Jobcenter, r.Month), r => double.Parse(r.Value, CultureInfo.InvariantCulture));

        Assert.All(revised, row =>
        {
            var change = double.Parse(row.Value, CultureInfo.InvariantCulture) / original[(row.Jobcenter, row.Month)] - 1;
            Assert.InRange(Math.Abs(change), 0.005, 0.055);
        });
    }

    [Fact]
    public void Is_deterministic_too()
    {
        Assert.Equal(new KpiDataGenerator(Options).Rows(), new KpiDataGenerator(Options).Rows());
    }
}
