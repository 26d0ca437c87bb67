using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Kpi.DataGenerator;
using Kpi.Importer.Upload;
using Zielsteuerung.Kpi.V1;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Zielsteuerung.Demo;

/// <summary>
/// Generated KPI data for the seeds' years, delivered as BA Statistik: kpi-generate's history of the 53 NRW jobcenters
/// (default seed, both bases) written to a temporary CSV file and streamed by kpi-import's <see cref="DeliveryUpload"/>,
/// all or nothing, under one idempotency key. 2011-01 … 2018-12: the generator's first month to the last target year
/// (Borken 2018), so that every target year 2012–2018 has its prior year and the 2016 and 2018 targets the five earlier
/// years the monitoring service's seasonal forecast reads (2011 is as far back as the generator goes).
/// </summary>
internal static class DemoKpiData
{
    public static GeneratorOptions Options { get; } = new() { From = "2011-01", To = "2018-12", Basis = BasisSelection.Both };

    public static string IdempotencyKey { get; } = $"demo-nrw-{Options.From}-{Options.To}-seed-{Options.Seed}";

    private const int PagesLooked = 25;

    public static async Task<KpiLoad> LoadAsync(KpiClient client, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (await FindAsync(client, cancellationToken) is { } earlier)
            {
                NotStored(progress, earlier);
                return Told(progress, earlier, LoadOutcome.AlreadyLoaded, clock.Elapsed,
                    $"KPI data: already delivered as {earlier.DeliveryId} ({Count(earlier.RowsStored)} rows stored at {earlier.DeliveredAt}) — skipped");
            }

            var directory = Directory.CreateTempSubdirectory("zielsteuerung-demo-");
            try
            {
                var path = Path.Combine(directory.FullName, $"demo-nrw-{Options.From}-{Options.To}.csv");
                var generator = new KpiDataGenerator(Options);
                var rows = Write(generator, path);
                progress?.Report($"KPI data: {Count(rows)} rows generated ({generator.Jobcenters.Count} NRW jobcenters, {Options.From} … {Options.To}, t-0 and final), delivering as BA Statistik …");
                var result = await new DeliveryUpload(client).RunAsync(path, Upload, Quarters(rows, progress), cancellationToken: cancellationToken);
                var report = result.Report;
                NotStored(progress, report);
                var outcome = report.DuplicateOf.Length > 0 ? LoadOutcome.AlreadyLoaded : LoadOutcome.Loaded;
                var what = outcome == LoadOutcome.AlreadyLoaded ? $"already delivered as {report.DuplicateOf}" : $"delivery {report.DeliveryId}";
                return Told(progress, report, outcome, clock.Elapsed, string.Create(CultureInfo.InvariantCulture,
                    $"KPI data: {what}, {Count(report.RowsStored)} rows stored in {clock.Elapsed.TotalSeconds:0.0} s"));
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
        catch (RpcException failed)
        {
            var line = $"KPI data: the KPI service answered {failed.StatusCode}: {failed.Status.Detail}";
            progress?.Report(line);
            throw new DemoLoadException(line, failed);
        }
    }

    private static UploadOptions Upload { get; } = new()
    {
        Mode = DeliveryMode.AllOrNothing,
        IdempotencyKey = IdempotencyKey,
        Description = $"Demo: generated data (kpi-generate, seed {Options.Seed}) of the 53 NRW jobcenters, {Options.From} … {Options.To}, t-0 and final",
    };

    private static long Write(KpiDataGenerator generator, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        return generator.WriteCsv(writer);
    }

    /// <summary>The delivery with the demo's key, if one was made: the newest deliveries are looked through first.</summary>
    private static async Task<DeliveryReport?> FindAsync(KpiClient client, CancellationToken cancellationToken)
    {
        var page = new ListDeliveriesRequest { PageSize = 200 };
        for (var pages = 0; pages < PagesLooked; pages++)
        {
            var listed = await client.ListDeliveriesAsync(page, cancellationToken: cancellationToken);
            if (listed.Deliveries.FirstOrDefault(d => d.IdempotencyKey == IdempotencyKey && d.DuplicateOf.Length == 0) is { } found)
            {
                return found;
            }

            if (listed.NextPageToken.Length == 0)
            {
                return null;
            }

            page.PageToken = listed.NextPageToken;
        }

        return null; // beyond that, the service's own check of the key answers
    }

    /// <summary>A progress line when a quarter, a half and three quarters of the rows are sent.</summary>
    private static IProgress<UploadProgress>? Quarters(long rows, IProgress<string>? progress)
    {
        if (progress is null)
        {
            return null;
        }

        var told = 0;
        return new Reported<UploadProgress>(sent =>
        {
            var quarter = (int)(4 * sent.RowsSent / Math.Max(rows, 1));
            if (quarter > told && quarter < 4)
            {
                told = quarter;
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"KPI data: {Count(sent.RowsSent)} of {Count(rows)} rows sent ({sent.Elapsed.TotalSeconds:0.0} s)"));
            }
        });
    }

    /// <summary>Throws when the delivery stored nothing (all or nothing: a row was rejected), naming its first error.</summary>
    private static void NotStored(IProgress<string>? progress, DeliveryReport report)
    {
        if (report.State == DeliveryState.Stored)
        {
            return;
        }

        var first = report.Errors.FirstOrDefault() is { } error ? $"; the first: row {error.RowNumber} {error.Reason}: {error.Message}" : "";
        var line = $"KPI data: delivery {report.DeliveryId} (key {IdempotencyKey}) was {report.State}, {Count(report.RowsRejected)} rows rejected{first}";
        progress?.Report(line);
        throw new DemoLoadException(line);
    }

    private static KpiLoad Told(IProgress<string>? progress, DeliveryReport report, LoadOutcome outcome, TimeSpan elapsed, string line)
    {
        progress?.Report(line);
        var id = report.DuplicateOf.Length > 0 ? report.DuplicateOf : report.DeliveryId;
        return new KpiLoad(id, report.State, report.RowsStored, outcome, elapsed, line);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
