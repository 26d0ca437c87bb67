using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Zielsteuerung.Testing;

namespace Kpi.Ingest.Benchmarks;

/// <summary>
/// The ingest benchmark (tests/Benchmarks/kpi-ingest-bench.sh): the first --rows rows of the generated NRW history (2011–2025,
/// both bases, with the published figures) as one CSV file, imported by the command-line client (kpi-import, its own
/// process) through the gRPC stream into PostgreSQL; the reference is psql's <c>\copy</c> of the same rows, in the
/// table's own form, into the same table of the same database, in the same run. Reported: seconds and rows/s of each,
/// the ratio, and the importer's peak RSS (sampled every 50 ms). A first import of 200,000 rows warms the service up and is
/// not counted; each run starts from an empty table after a checkpoint.
/// </summary>
internal static class IngestBenchmark
{
    private const int WarmUpRows = 200_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var runs = Option(args, "--runs", 3);
        var work = Directory.CreateTempSubdirectory("kpi-bench-");
        try
        {
            Console.WriteLine($"KPI ingest benchmark: {rows:N0} rows, {runs} runs of each; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            var csv = Path.Combine(work.FullName, "delivery.csv");
            var copy = Path.Combine(work.FullName, "values.copy");
            var (written, bytes) = IngestFiles.Write(csv, copy, rows);
            Console.WriteLine($"files: {csv} ({bytes / 1048576.0:F1} MiB, {written:N0} rows) and its COPY text");

            await using var topology = await TestTopology.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("kpi-ingestion")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production"));
            var grpcUrl = new Uri(topology.ResourceEnvironment("kpi-ingestion")["Kestrel__Endpoints__grpc__Url"]);
            using var tokens = new DevelopmentTokens(topology.App);
            var token = await tokens.GetAsync("ba-statistik", "kpi.deliver");
            var database = (await topology.App.GetConnectionStringAsync("kpi-db"))!;

            // The service as it runs in production: its code compiled (tiered JIT) by a first delivery that is not measured.
            var warmUp = Path.Combine(work.FullName, "warm-up.csv");
            File.WriteAllLines(warmUp, File.ReadLines(csv).Take(WarmUpRows + 2));
            await ResetAsync(database);
            var (warmSeconds, _, _) = await ImportAsync(warmUp, $"http://127.0.0.1:{grpcUrl.Port}", token, $"warm-up-{Guid.NewGuid():N}");
            Console.WriteLine($"warm-up: {WarmUpRows:N0} rows in {warmSeconds:F2} s (not counted)");

            var grpc = new List<double>();
            var psql = new List<double>();
            var rss = new List<long>();
            for (var run = 1; run <= runs; run++)
            {
                await ResetAsync(database);
                psql.Add(await PsqlCopyAsync(database, copy));
                await ResetAsync(database);
                var (seconds, peak, output) = await ImportAsync(csv, $"http://127.0.0.1:{grpcUrl.Port}", token, $"bench-{Guid.NewGuid():N}");
                var stored = await CountAsync(database);
                if (stored != written)
                {
                    Console.WriteLine(output);
                    throw new InvalidOperationException($"the import stored {stored:N0} of {written:N0} rows");
                }

                grpc.Add(seconds);
                rss.Add(peak);
                Console.WriteLine($"run {run}: gRPC import {seconds:F2} s ({written / seconds:N0} rows/s, importer peak RSS {peak / 1048576.0:F0} MiB); psql \\copy {psql[^1]:F2} s ({written / psql[^1]:N0} rows/s)");
            }

            var grpcMedian = Median(grpc);
            var psqlMedian = Median(psql);
            var ratio = psqlMedian / grpcMedian;
            var peakRss = rss.Max() / 1048576.0;
            Console.WriteLine();
            Console.WriteLine($"gRPC import (median): {grpcMedian:F2} s = {written / grpcMedian:N0} rows/s   target ≤ 20 s: {Verdict(grpcMedian <= 20)}");
            Console.WriteLine($"psql \\copy (median):  {psqlMedian:F2} s = {written / psqlMedian:N0} rows/s");
            Console.WriteLine($"ratio gRPC / psql rate: {ratio:F2}   target ≥ 0.5: {Verdict(ratio >= 0.5)}");
            Console.WriteLine($"importer peak RSS: {peakRss:F0} MiB   target ≤ 300 MiB: {Verdict(peakRss <= 300)}");
            return grpcMedian <= 20 && ratio >= 0.5 && peakRss <= 300 ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(double Seconds, long PeakRss, string Output)> ImportAsync(string csv, string server, string token, string key)
    {
        // kpi-import as it is deployed: its own build output with its own dependencies (kpi-ingest-bench.sh builds it).
        var importer = Path.Combine(RepositoryRoot(), "services/Kpi/Kpi.Importer/bin/Release/net10.0/kpi-import.dll");
        var start = new ProcessStartInfo("dotnet", [importer, csv, "--server", server, "--idempotency-key", key, "--description", "benchmark"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["KPI_TOKEN"] = token;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, Rss(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var text = await output + await errors;
        return process.ExitCode == 0 ? (seconds, peak, text) : throw new InvalidOperationException($"kpi-import exited with {process.ExitCode}: {text}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Zielsteuerung.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Zielsteuerung.Aspire.sln above {AppContext.BaseDirectory}");
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<double> PsqlCopyAsync(string database, string copyFile)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        var start = new ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture),
            "-U", builder.Username!, "-d", builder.Database!, "-c", $"\\copy kpi_values (jobcenter, code, sex, basis, month, delivery, value, numerator, denominator) FROM '{copyFile}'"])
        {
            RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"psql failed: {errors}");
    }

    // The same starting point for every run: an empty table and a checkpoint behind us.
    private static async Task ResetAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("TRUNCATE kpi_values; DELETE FROM delivery_errors; DELETE FROM deliveries; CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM kpi_values", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
