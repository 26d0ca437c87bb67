using System.Security.Cryptography;
using System.Text;
using Kpi.Csv;
using Kpi.DataGenerator;
using Kpi.DataGenerator.Cli;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

public class DeterminismTests
{
    private static string Csv(GeneratorOptions options)
    {
        var text = new StringWriter();
        new KpiDataGenerator(options).WriteCsv(text);
        return text.ToString();
    }

    private static readonly GeneratorOptions Short = new() { From = "2014-01", To = "2016-12" };

    [Fact]
    public void The_same_seed_gives_the_same_bytes_another_seed_other_values()
    {
        var first = Csv(Short);
        Assert.Equal(first, Csv(Short));
        var other = Csv(Short with { Seed = 7 });
        Assert.NotEqual(first, other);
        Assert.Equal(first.Split('\n').Length, other.Split('\n').Length);
    }

    [Fact]
    public void The_command_line_writes_the_same_file_as_the_api()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kpi-gen-{Guid.NewGuid():N}.csv");
        try
        {
            var exitCode = GenerateCommand.Create().Parse(["--from", "2014-01", "--to", "2016-12", "--out", path]).Invoke();
            Assert.Equal(0, exitCode);
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(Csv(Short))), SHA256.HashData(File.ReadAllBytes(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_part_of_the_history_equals_the_same_part_of_the_whole()
    {
        var whole = new KpiDataGenerator(new GeneratorOptions { To = "2016-12" }).Rows()
            .Where(r => r.Jobcenter is "05554" or "05113" && string.CompareOrdinal(r.Month, "2016-01") >= 0 && r.Basis == DataBasis.Final);
        var part = new KpiDataGenerator(new GeneratorOptions { Jobcenters = ["jc-05554", "05113"], From = "2016-01", To = "2016-12", Basis = BasisSelection.Final }).Rows();

        Assert.Equal(whole, part);
    }

    [Fact]
    public void The_output_reads_back_without_a_malformed_row()
    {
        using var reader = new KpiCsvReader(new StringReader(Csv(Short with { Jobcenters = ["05554"] })));
        var rows = reader.ReadRows().ToList();
        Assert.Equal(36 * 44 * 2, rows.Count);
        Assert.All(rows, row => Assert.Equal("", row.Malformed));
        Assert.Equal(3, rows[0].RowNumber);
    }

    [Theory]
    [InlineData("--from", "2010-12")]
    [InlineData("--to", "2025-13")]
    [InlineData("--jobcenters", "jc-09162")]
    public void Refuses_options_it_cannot_serve(string option, string value)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, GenerateCommand.Create().Parse([option, value]).Invoke());
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Contains(value, error.ToString());
    }
}
