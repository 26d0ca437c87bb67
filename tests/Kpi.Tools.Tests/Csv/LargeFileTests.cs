using System.Diagnostics;
using System.Text;
using Kpi.Csv;
using Kpi.DataGenerator;
using Xunit.Abstractions;

namespace Kpi.Tools.Tests.Csv;

[Collection(Importer.MemoryCollection.Name)]
public class LargeFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_200k_generated_lines_streaming_with_bounded_memory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kpi-large-{Guid.NewGuid():N}.csv");
        try
        {
            var generator = new KpiDataGenerator(new GeneratorOptions { Published = true, To = "2014-12" });
            long written;
            using (var file = new StreamWriter(path, false, new UTF8Encoding(false)))
                written = generator.WriteCsv(file);
            Assert.True(written >= 200_000, $"{written} rows");

            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var peakGrowth = 0L;
            long rows = 0, malformed = 0;
            var clock = Stopwatch.StartNew();
            foreach (var row in KpiCsvReader.ReadFile(path))
            {
                rows++;
                if (row.Malformed.Length > 0) malformed++;
                if (rows % 20_000 == 0) peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(false) - before);
            }
            clock.Stop();
            output.WriteLine($"{rows:N0} rows read in {clock.ElapsedMilliseconds} ms ({rows / clock.Elapsed.TotalSeconds:N0} rows/s), heap growth at most {peakGrowth / 1e6:N1} MB");

            Assert.Equal(written, rows);
            Assert.Equal(0, malformed);
            // The rows are garbage once read: the live heap does not grow with the file (~12 MB here).
            Assert.True(peakGrowth < 64_000_000, $"heap grew by {peakGrowth:N0} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
