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
    public void Writes_and_reads_a_million_rows_back_unchanged_in_count()
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
        // The rate is printed, not asserted: a timed unit test fails on a loaded machine; the importer's throughput is
        // measured by tests/Benchmarks/kpi-ingest-bench.sh (docs/benchmarks.md).
        Assert.Equal(Rows, read);
    }
}
