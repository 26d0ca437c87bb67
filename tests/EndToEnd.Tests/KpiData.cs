using System.Diagnostics;
using System.Text;
using Kpi.Csv;
using Kpi.DataGenerator;
using Kpi.Importer.Upload;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Testing;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace EndToEnd.Tests;

/// <summary>A delivery made, with what it took.</summary>
public sealed record Delivered(DeliveryReport Report, long Rows, TimeSpan Took)
{
    public string Id => Report.DeliveryId;
}

/// <summary>
/// KPI data as BA Statistik delivers it: kpi-generate's history of the 53 NRW jobcenters written to a CSV file and
/// streamed by kpi-import's <see cref="DeliveryUpload"/> (as the demo loader does), and small crafted revisions.
/// </summary>
public static class KpiData
{
    /// <summary>The generator's months <paramref name="from"/> … <paramref name="to"/> of every NRW jobcenter as a CSV file in <paramref name="directory"/>.</summary>
    public static (string Path, long Rows) Generate(string directory, GeneratorOptions options)
    {
        var path = Path.Combine(directory, $"nrw-{options.From}-{options.To}-seed-{options.Seed}-{options.Basis}.csv".ToLowerInvariant());
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        var rows = new KpiDataGenerator(options).WriteCsv(writer);
        return (path, rows);
    }

    /// <summary>One generated value (final unless said otherwise), as the generator's deterministic history has it.</summary>
    public static string Value(GeneratorOptions options, string ags, string month, string code, DataBasis basis = DataBasis.Final) =>
        new KpiDataGenerator(options with { From = month, To = month, Jobcenters = [ags] }).Rows()
            .Single(r => r.Code == code && r.Sex == Sex.Total && r.Basis == basis).Value;

    /// <summary>Streams a CSV file all or nothing under <paramref name="idempotencyKey"/>; asserts it was stored whole.</summary>
    public static async Task<Delivered> UploadAsync(KpiClient client, string path, long rows, string idempotencyKey, string description,
        IProgress<UploadProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var result = await new DeliveryUpload(client).RunAsync(path, new UploadOptions
        {
            Mode = DeliveryMode.AllOrNothing, IdempotencyKey = idempotencyKey, Description = description,
        }, progress);
        var report = result.Report;
        Assert.True(report.State == DeliveryState.Stored,
            $"{description}: {report.State}, {report.RowsRejected} rejected; first: {report.Errors.FirstOrDefault()}");
        Assert.Equal(rows, report.RowsStored);
        return new Delivered(report, rows, clock.Elapsed);
    }

    /// <summary>A revision of single values (final, total), all or nothing in one chunk.</summary>
    public static async Task<Delivered> ReviseAsync(KpiClient client, string description, params (string Ags, string Month, string Code, string Value)[] values)
    {
        var clock = Stopwatch.StartNew();
        var report = await KpiDeliveries.SendAsync(client, new DeliveryHeader
            {
                Mode = DeliveryMode.AllOrNothing, Description = description, SourceName = "end-to-end tests",
                IdempotencyKey = $"e2e-{Scenario.Run}-{Guid.NewGuid():N}",
            },
            values.Select(v => new KpiCsvRecord(v.Ags, v.Month, v.Code, Sex.Total, DataBasis.Final, v.Value).ToDeliveryRow()));
        Assert.True(report.State == DeliveryState.Stored, $"{description}: {report.State}; first error: {report.Errors.FirstOrDefault()}");
        Assert.Equal("", report.DuplicateOf);
        return new Delivered(report, values.Length, clock.Elapsed);
    }
}
