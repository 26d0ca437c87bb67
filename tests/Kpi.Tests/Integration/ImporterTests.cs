using Kpi.Computation;
using Kpi.DataGenerator;
using Kpi.Importer.Cli;
using Spectre.Console;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tests.Integration;

/// <summary>kpi-import against the real service: a generated delivery with a broken line, then the corrected file, and a figure read back.</summary>
[Collection(KpiCollection.Name)]
public sealed class ImporterTests(KpiFixture fixture) : IDisposable
{
    // Kreis Heinsberg (05370), 2016–2017, both bases: nobody else in these tests delivers for it.
    private static readonly GeneratorOptions Heinsberg = new() { Jobcenters = ["05370"], From = "2016-01", To = "2017-12" };
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kpi-import-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task A_broken_line_rejects_the_whole_file_naming_the_line_and_the_corrected_file_goes_in_whole()
    {
        var lines = GeneratedLines();
        const int brokenLine = 1500;
        var original = lines[brokenLine - 1];
        lines[brokenLine - 1] = "05370;2017-0x;elb_stock;insgesamt;final;12345;;";
        await File.WriteAllLinesAsync(_file, lines);

        var (exit, output) = await ImportAsync();

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains($"{brokenLine}", output, StringComparison.Ordinal);
        Assert.Contains("MALFORMED", output, StringComparison.Ordinal);
        Assert.Contains("2017-0x", output, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.StoredValuesAsync(5370));

        lines[brokenLine - 1] = original;
        await File.WriteAllLinesAsync(_file, lines);
        var (fixedExit, fixedOutput) = await ImportAsync();

        Assert.True(ExitCodes.Stored == fixedExit, fixedOutput);
        var rows = new KpiDataGenerator(Heinsberg).Rows().Count();
        Assert.Equal(rows, await fixture.StoredValuesAsync(5370));

        // K2 of December 2017 as the service computes it from what was imported, and as the library computes it from the generated rows.
        var expected = new QuantityTable();
        foreach (var row in new KpiDataGenerator(Heinsberg).Rows().Where(r => r.Basis == DataBasis.Final && r.Sex == Sex.Total))
        {
            expected.Set(row.Code, YearMonth.Parse(row.Month), Rational.Parse(row.Value));
        }

        var k2 = await fixture.Reader.GetValueAsync(new GetValueRequest { Subject = new Subject { JobcenterId = "jc-05370" }, Code = "K2", Month = "2017-12" });
        var computed = FigureCalculator.Compute(KpiCatalogue.FindFigure("K2")!, expected, new YearMonth(2017, 12));
        Assert.Equal(computed.Value!.Value.ToExactString(), k2.Value);
        Assert.InRange(decimal.Parse(k2.Value, System.Globalization.CultureInfo.InvariantCulture), 15m, 40m);
    }

    public void Dispose() => File.Delete(_file);

    private static List<string> GeneratedLines()
    {
        using var text = new StringWriter();
        new KpiDataGenerator(Heinsberg).WriteCsv(text);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    }

    private async Task<(int Exit, string Output)> ImportAsync()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exit = await ImportCommand.Create(console).Parse([_file, "--server", fixture.Address.ToString(), "--token", fixture.StatistikToken]).InvokeAsync();
        return (exit, output.ToString());
    }
}
