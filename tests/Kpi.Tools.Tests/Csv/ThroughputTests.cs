using System.Diagnostics;
using System.Text;
using Kpi.Csv;
using Kpi.DataGenerator;
using Xunit.Abstractions;

namespace Kpi.Tools.Tests.Csv;

[Collection(Importer.MemoryCollection.Name)]
public class ThroughputTests(ITestOutputHelper output)
{
    private const int Rows = 1_000_000;

    [Fact]
    public void Writes_and_reads_a_million_rows_in_well_under_two_seconds_each()
    {
        using var file = new TempFile();
        var rows = new KpiDataGenerator(new GeneratorOptions { Published = true }).Rows().Take(Rows).ToList();

        var clock = Stopwatch.StartNew();
        using (var text = new StreamWriter(file.Path, false, new UTF8Encoding(false), 1 << 16))
        {
            var writer = new KpiCsvWriter(text);
            foreach (var row in rows) writer.Write(row);
        }
        var writing = clock.Elapsed;

        clock.Restart();
        long read = 0;
        foreach (var row in KpiCsvReader.ReadFile(file.Path))
            if (row.Malformed.Length == 0) read++;
        var reading = clock.Elapsed;

        output.WriteLine($"{Rows:N0} rows ({new FileInfo(file.Path).Length / 1e6:N1} MB): written in {writing.TotalMilliseconds:N0} ms ({Rows / writing.TotalSeconds:N0} rows/s), read in {reading.TotalMilliseconds:N0} ms ({Rows / reading.TotalSeconds:N0} rows/s)");
        Assert.Equal(Rows, read);
        Assert.True(reading < TimeSpan.FromSeconds(2), $"reading took {reading}");
        Assert.True(writing < TimeSpan.FromSeconds(2), $"writing took {writing}");
    }
}
