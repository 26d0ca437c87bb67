using System.Globalization;
using System.Text;
using Kpi.Csv;
using Kpi.DataGenerator;
using Kpi.Ingestion.API.Model;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingest.Benchmarks;

/// <summary>
/// The benchmark's two inputs from the same generated rows: the CSV delivery the importer streams, and the same values
/// in kpi_values' own form as COPY text for psql (jobcenter key, code id, sex, basis, month index, a fixed delivery).
/// </summary>
internal static class IngestFiles
{
    private const long ReferenceDelivery = 900_000_000;

    public static (long Rows, long Bytes) Write(string csvPath, string copyPath, int rows)
    {
        var generator = new KpiDataGenerator(new GeneratorOptions { Published = true });
        long written = 0;
        using (var file = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16))
        using (var copy = new StreamWriter(copyPath, false, new UTF8Encoding(false), 1 << 16))
        {
            var csv = new KpiCsvWriter(file);
            csv.WriteComment(generator.Title());
            csv.WriteHeader();
            foreach (var record in generator.Rows().Take(rows))
            {
                csv.Write(record);
                copy.Write(int.Parse(record.Jobcenter, CultureInfo.InvariantCulture));
                copy.Write('\t');
                copy.Write(CodeBook.IdOf(record.Code));
                copy.Write('\t');
                copy.Write((int)(record.Sex == Sex.Unspecified ? Sex.Total : record.Sex));
                copy.Write('\t');
                copy.Write((int)record.Basis);
                copy.Write('\t');
                copy.Write(int.Parse(record.Month[..4], CultureInfo.InvariantCulture) * 12 + int.Parse(record.Month[5..], CultureInfo.InvariantCulture) - 1);
                copy.Write('\t');
                copy.Write(ReferenceDelivery);
                copy.Write('\t');
                copy.Write(record.Value);
                copy.Write('\t');
                copy.Write(string.IsNullOrEmpty(record.Numerator) ? "\\N" : record.Numerator);
                copy.Write('\t');
                copy.Write(string.IsNullOrEmpty(record.Denominator) ? "\\N" : record.Denominator);
                copy.Write('\n');
                written++;
            }
        }

        return (written, new FileInfo(csvPath).Length);
    }
}
