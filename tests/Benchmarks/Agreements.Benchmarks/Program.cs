using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Testing;

// The agreements benchmark (tests/Benchmarks/agreements-bench.sh, docs/bench/agreements.md):
//   1. full agreements (5 goals, 10 targets, the size of seed 001) created by MAGS NRW and signed by Kreis Borken and
//      MAGS NRW — three authenticated gRPC calls through PostgreSQL each — by --workers concurrent loops, in --rounds
//      rounds of --seconds; agreements/s (median) against the target of 300;
//   2. GetAgreement of those agreements: the peak rate with --workers concurrent readers, then an open-loop run at half
//      of that rate (each call's latency counted from its scheduled start, so a stall is not hidden); p99 against 5 ms.
// The load generator runs on the same two cores as the services and the infrastructure.
var options = Options.Parse(args);
Console.WriteLine($"agreements benchmark: {options.Rounds} rounds of {options.Seconds} s, {options.Workers} concurrent loops; load average before: {LoadAverage()}");

// Diagnosis: AGREEMENTS_BENCH_ENV="Name=value;…" is passed to the service (e.g. DOTNET_PerfMapEnabled=1 for perf).
await using var topology = await TestTopology.StartAsync(builder =>
{
    var service = builder.CreateResourceBuilder<ProjectResource>("agreements").WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
    foreach (var (name, value) in ExperimentVariables.From("AGREEMENTS_BENCH_ENV"))
    {
        service.WithEnvironment(name, value);
    }
});
// The issue's figure is the agreements service's own: gRPC and PostgreSQL with authentication. The monitoring service,
// which follows every agreement coming into force (a GetAgreement and six KPI reads per line), would share the two
// cores with it; it is stopped, and its queue keeps the events.
await topology.StopResourceAsync("monitoring");
Console.WriteLine("monitoring stopped: the agreements service is measured on its own");
Console.WriteLine($"SERVICE_PID {string.Join(' ', ProcessTree.Of(topology.ProcessId("agreements")))}");
// The service's own port as a deployment exposes it, not DCP's development proxy in front of it.
var grpcUrl = new Uri(topology.ResourceEnvironment("agreements")["Kestrel__Endpoints__grpc__Url"]);
using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcUrl.Port}");
using var tokens = new DevelopmentTokens(topology.App);
var mags = new Zielsteuerung.Agreements.V1.Agreements.AgreementsClient(channel);
var magsCall = new CallOptions(DevelopmentTokens.Bearer(await tokens.GetAsync("mags-nrw", "agreements.write", "agreements.sign", "agreements.read")));
var borkenCall = new CallOptions(DevelopmentTokens.Bearer(await tokens.GetAsync("kt-05554", "agreements.sign", "agreements.read")));
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var created = new List<string>();
var next = 0;

async Task<string> CreateAndSignAsync()
{
    var id = $"bench-{run}-{Interlocked.Increment(ref next)}";
    var draft = await mags.CreateDraftAsync(FullAgreement.Draft(id), magsCall);
    await mags.SignAsync(new SignRequest { AgreementId = id, ExpectedVersion = draft.Version, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29" }, borkenCall);
    var signed = await mags.SignAsync(new SignRequest { AgreementId = id, ExpectedVersion = draft.Version + 1, Signatory = "Dr. Edmund Heller", Place = "Düsseldorf", SignedOn = "2018-02-22" }, magsCall);
    if (signed.Edition.Status != AgreementStatus.InForce)
    {
        throw new InvalidOperationException($"{id} is {signed.Edition.Status} after both signatures");
    }

    return id;
}

// Closed loops for a duration: how many operations completed, and the latency of each.
async Task<(double PerSecond, List<double> LatenciesMs)> LoopAsync(Func<Task> operation, TimeSpan duration)
{
    var latencies = new List<double>();
    var done = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(async _ =>
    {
        var mine = new List<double>();
        while (stopwatch.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Interlocked.Increment(ref done);
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    }));
    return (done / stopwatch.Elapsed.TotalSeconds, latencies);
}

// Three rounds' worth: the JIT's tiering and PGO are through by then (after a shorter warm-up the rounds still climbed).
Console.WriteLine("warm-up …");
await LoopAsync(async () => { var id = await CreateAndSignAsync(); lock (created) { created.Add(id); } }, TimeSpan.FromSeconds(options.Seconds * 3));

// Where the CPU goes, per agreement: the service, PostgreSQL, RabbitMQ, and this load generator.
var measured = new[] { "agreements", "postgres", "rabbitmq", "redis", "identity", "party-registry" }
    .Select(resource => (Name: resource, Processes: ProcessTree.Of(topology.ProcessId(resource))))
    .Append((Name: "load generator", Processes: (IReadOnlyList<int>)[Environment.ProcessId]))
    .ToList();
var writeRates = new List<double>();
var writeLatencies = new List<double>();
var cpuPerAgreement = measured.ToDictionary(m => m.Name, _ => new List<double>());
for (var round = 0; round < options.Rounds; round++)
{
    var before = measured.Select(m => ProcessTree.CpuTime(m.Processes)).ToList();
    var count = created.Count;
    var (rate, latencies) = await LoopAsync(async () => { var id = await CreateAndSignAsync(); lock (created) { created.Add(id); } }, TimeSpan.FromSeconds(options.Seconds));
    var agreements = created.Count - count;
    for (var i = 0; i < measured.Count; i++)
    {
        cpuPerAgreement[measured[i].Name].Add((ProcessTree.CpuTime(measured[i].Processes) - before[i]).TotalMilliseconds / agreements);
    }

    writeRates.Add(rate);
    writeLatencies.AddRange(latencies);
    Console.WriteLine($"  round {round + 1}: {rate:F0} agreements/s (create + 2 signatures), load average {LoadAverage()}");
}

// The events of the writes are still being relayed to RabbitMQ; reads are measured once the outbox is empty, and the
// time that took is the relay's rate under the write load.
var drained = Stopwatch.StartNew();
var pendingAtEnd = await PendingEventsAsync();
while (await PendingEventsAsync() > 0)
{
    await Task.Delay(500);
}

Console.WriteLine($"  outbox: {pendingAtEnd} events still to relay after the write rounds, relayed in {drained.Elapsed.TotalSeconds:F0} s");

// The writes leave hundreds of thousands of dead rows (the outbox's published_at, the agreements' versions) that
// autovacuum cleans up within its next minute or two; done now, so that its pass does not fall into the reads.
var vacuum = Stopwatch.StartNew();
await DatabaseAsync<int>("VACUUM (ANALYZE)");
Console.WriteLine($"  VACUUM (ANALYZE) of the agreements database after the writes: {vacuum.Elapsed.TotalSeconds:F0} s");

var ids = created.ToArray();
Task ReadAsync() => mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = ids[Random.Shared.Next(ids.Length)] }, magsCall).ResponseAsync;
await LoopAsync(ReadAsync, TimeSpan.FromSeconds(options.Seconds / 2.0));
var readRates = new List<double>();
for (var round = 0; round < options.Rounds; round++)
{
    readRates.Add((await LoopAsync(ReadAsync, TimeSpan.FromSeconds(options.Seconds))).PerSecond);
}

var readPeak = Median(readRates);
var halfPeak = readPeak / 2;
var openLoop = await OpenLoopAsync(ReadAsync, halfPeak, TimeSpan.FromSeconds(options.Seconds * 2));

// Reading one agreement as the registry's benchmark reads one party, with h2load; the agreement is the first one written.
const string AutovacuumRuns = "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables";
var autovacuumBefore = await DatabaseAsync<long>(AutovacuumRuns);
H2LoadReads h2;
string readsCpu;
using (var measuredCpu = MeasuredCpuGroup.TryCreate("zielsteuerung-agreements-bench", out var why))
{
    // A read is the agreements service and Redis (every 2 s, when the agreement's local copy expires). Every other
    // process stays up, set aside (the rest of the topology, DCP, this benchmark): its bursts (tier-1 compilation,
    // DCP's container-runtime probe) no longer take a core from the service while its reads are timed.
    var readPath = ProcessTree.Of(topology.ProcessId("agreements")).Concat(ProcessTree.Of(topology.ProcessId("redis"))).ToHashSet();
    readsCpu = $"not isolated: {why}";
    if (measuredCpu is not null)
    {
        readPath.ToList().ForEach(measuredCpu.Measure);
        var setAside = ProcessTree.UserProcesses().Where(pid => !readPath.Contains(pid)).Count(measuredCpu.SetAside);
        readsCpu = $"the agreements service, Redis and h2load measured ({readPath.Count} processes + h2load), the {setAside} other processes of the machine set aside ({why})";
    }

    h2 = await H2LoadReadsAsync(grpcUrl.Port, ids[0], magsCall.Headers!.GetValue("authorization")!, options.Seconds, measuredCpu);
}

var autovacuumDuring = await DatabaseAsync<long>(AutovacuumRuns) - autovacuumBefore;

var writeMedian = Median(writeRates);
Console.WriteLine();
Console.WriteLine($"agreements created and signed by both parties (agreements/s): {string.Join(" ", writeRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}; median {writeMedian:F0} (target >= 300)");
Console.WriteLine($"  one agreement (create + 2 signatures) with {options.Workers} loops: p50 {Percentile(writeLatencies, 50):F1} ms, p99 {Percentile(writeLatencies, 99):F1} ms");
Console.WriteLine("  CPU per agreement (median of rounds): " + string.Join(", ", cpuPerAgreement.Select(c => $"{c.Key} {Median(c.Value):F2} ms")));
Console.WriteLine($"GetAgreement of random agreements, peak (calls/s): {string.Join(" ", readRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}; median {readPeak:F0}");
Console.WriteLine($"  at half of it ({halfPeak:F0} calls/s, .NET open loop, {openLoop.Count} calls): p50 {Percentile(openLoop, 50):F2} ms, p99 {Percentile(openLoop, 99):F2} ms (reported; the target is judged on h2load's figure below)");
Console.WriteLine($"GetAgreement of one agreement, h2load: peak {h2.Peak:F0} calls/s; at half of it, arriving steadily ({h2.PacedRate:F0} calls/s): p50 {h2.P50:F2} ms, p99 {h2.P99:F2} ms (target <= 5 ms)");
Console.WriteLine($"  half of the peak in h2load's 10 ms bursts (--rps): p50 {h2.BurstP50:F2} ms, p99 {h2.BurstP99:F2} ms (reported)");
Console.WriteLine($"  autovacuum/autoanalyze runs on the agreements database during the h2load reads: {autovacuumDuring}");
Console.WriteLine($"  CPU during the h2load reads: {readsCpu}");
Console.WriteLine($"load average after: {LoadAverage()}");
var met = writeMedian >= 300 && h2.P99 <= 5 && h2.PacedRate >= h2.Peak / 2 * 0.95;
return options.Check && !met ? 1 : 0;

// Reading one agreement with h2load over 4 connections (one thread): the peak with 64 streams each, then half of it twice —
// as steady arrivals, and as h2load's --rps sends it.
static async Task<H2LoadReads> H2LoadReadsAsync(int port, string agreementId, string authorization, int seconds, MeasuredCpuGroup? measuredCpu)
{
    const int Connections = 4;
    var uri = $"http://127.0.0.1:{port}/zielsteuerung.agreements.v1.Agreements/GetAgreement";
    var body = Path.GetTempFileName();
    var script = Path.GetTempFileName();
    var log = Path.GetTempFileName();
    string[] call = ["-t", "1", "-c", $"{Connections}", "-m", "64", "-d", body, "-H", "content-type: application/grpc", "-H", "te: trailers",
        "-H", $"authorization: {authorization}"];
    try
    {
        var message = Google.Protobuf.MessageExtensions.ToByteArray(new GetAgreementRequest { AgreementId = agreementId });
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        await File.WriteAllBytesAsync(body, frame);
        await RunH2LoadAsync(measuredCpu, [.. call, "-D", "3", uri]);
        var peaks = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            peaks.Add(await RunH2LoadAsync(measuredCpu, [.. call, "-D", $"{seconds}", uri]));
        }

        var peak = Percentile(peaks, 50);
        var half = peak / 2;

        // Steady arrivals: a timing script (the time of every call) per connection. h2load runs at most one of its
        // entries per connection and turn of its event loop, and times the next from when it ran, so it falls behind
        // the script: several calls per entry, and short runs to learn by how much, bring it to half of the peak.
        var scripted = half * 1.3;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (achieved, _) = await PacedAsync(scripted, 3);
            if (Math.Abs(achieved / half - 1) < 0.05)
            {
                break;
            }

            scripted *= half / achieved;
        }

        var (pacedRate, paced) = await PacedAsync(scripted, seconds);
        // Diagnosis: AGREEMENTS_BENCH_PACED_LOG=path keeps h2load's log of the steady run (send time in µs since the
        // epoch, status, latency in µs) to line up slow calls with a trace of the machine.
        if (Environment.GetEnvironmentVariable("AGREEMENTS_BENCH_PACED_LOG") is { Length: > 0 } keep)
        {
            File.Copy(log, keep, overwrite: true);
        }

        // h2load's --rps timer ticks at most every 10 ms: each connection sends a tick's calls (about 35 at half of the
        // peak) at once, so these are the latencies of bursts of ~140 calls every 10 ms. Reported, not judged.
        File.Delete(log);
        await RunH2LoadAsync(measuredCpu, [.. call, "-D", $"{seconds}", "--rps", $"{(int)(half / Connections)}", "--log-file", log, uri]);
        var bursts = LatenciesMs(log);
        return new H2LoadReads(peak, pacedRate, Percentile(paced, 50), Percentile(paced, 99), Percentile(bursts, 50), Percentile(bursts, 99));
    }
    finally
    {
        File.Delete(body);
        File.Delete(script);
        File.Delete(log);
    }

    async Task<(double Rate, List<double> LatenciesMs)> PacedAsync(double perSecond, int duration)
    {
        // At most 2,000 entries per connection and second (h2load's loop keeps up with that): two or more calls each.
        var callsPerEntry = (int)(perSecond / Connections / 2000) + 2;
        var entriesPerSecond = perSecond / Connections / callsPerEntry;
        await using (var writer = new StreamWriter(script))
        {
            for (var entry = 0; entry < entriesPerSecond * duration; entry++)
            {
                var line = $"{(entry * 1000 / entriesPerSecond).ToString("F3", CultureInfo.InvariantCulture)}\t{uri}";
                for (var i = 0; i < callsPerEntry; i++)
                {
                    await writer.WriteLineAsync(line);
                }
            }
        }

        File.Delete(log);
        var rate = await RunH2LoadAsync(measuredCpu, [.. call, "--timing-script-file", script, "--log-file", log]);
        return (rate, LatenciesMs(log));
    }

    // h2load's log (appended to, so deleted before each run): start time, status, latency in microseconds per call.
    static List<double> LatenciesMs(string log) =>
        File.ReadLines(log).Select(line => double.Parse(line.Split('\t')[2], CultureInfo.InvariantCulture) / 1000).ToList();
}

// Runs h2load (in the measured CPU group, if there is one); returns its requests/s, failing on any request that did not succeed.
static async Task<double> RunH2LoadAsync(MeasuredCpuGroup? measuredCpu, string[] arguments)
{
    var start = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true };
    arguments.ToList().ForEach(start.ArgumentList.Add);
    using var process = Process.Start(start) ?? throw new InvalidOperationException("h2load did not start: apt-get install nghttp2-client");
    measuredCpu?.Measure(process.Id);
    var errors = process.StandardError.ReadToEndAsync();
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var finished = System.Text.RegularExpressions.Regex.Match(output, @"finished in [^,]+, ([0-9.]+) req/s");
    var status = System.Text.RegularExpressions.Regex.Match(output, @"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored");
    // h2load counts an HTTP 200 as success, which a refused gRPC call also is (trailers only): an answer is an agreement.
    var data = System.Text.RegularExpressions.Regex.Match(output, @"\((\d+)\) data");
    if (process.ExitCode != 0 || !finished.Success || !status.Success || status.Groups[2].Value != "0" || status.Groups[3].Value != "0"
        || !data.Success || long.Parse(data.Groups[1].Value, CultureInfo.InvariantCulture) < 1000 * long.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture))
    {
        throw new InvalidOperationException($"h2load failed: {output}{await errors}");
    }

    return double.Parse(finished.Groups[1].Value, CultureInfo.InvariantCulture);
}

Task<long> PendingEventsAsync() => DatabaseAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND failed_at IS NULL");

// One statement on the agreements database; its scalar (default for none).
async Task<T> DatabaseAsync<T>(string sql)
{
    await using var connection = new Npgsql.NpgsqlConnection(await topology.App.GetConnectionStringAsync("agreements-db"));
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    return await command.ExecuteScalarAsync() is T value ? value : default!;
}

// Starts calls at a fixed rate regardless of how long earlier ones take; latency from each call's scheduled start.
static async Task<List<double>> OpenLoopAsync(Func<Task> call, double perSecond, TimeSpan duration)
{
    var latencies = new List<double>();
    var fromSend = new List<double>();
    var inFlight = new List<Task>();
    var interval = Stopwatch.Frequency / perSecond;
    var begin = Stopwatch.GetTimestamp();
    var end = begin + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    long sent = 0;
    while (Stopwatch.GetTimestamp() < end)
    {
        var due = (long)((Stopwatch.GetTimestamp() - begin) / interval);
        for (; sent < due; sent++)
        {
            var scheduled = begin + (long)(sent * interval);
            inFlight.Add(Measure(scheduled));
        }

        await Task.Delay(1);
    }

    await Task.WhenAll(inFlight);
    Console.WriteLine($"  (the same calls timed from when they were sent, not scheduled: p50 {Percentile(fromSend, 50):F2} ms, p99 {Percentile(fromSend, 99):F2} ms)");
    return latencies;

    async Task Measure(long scheduled)
    {
        var sent = Stopwatch.GetTimestamp();
        await call();
        var end = Stopwatch.GetTimestamp();
        lock (latencies)
        {
            latencies.Add((end - scheduled) * 1000.0 / Stopwatch.Frequency);
            fromSend.Add((end - sent) * 1000.0 / Stopwatch.Frequency);
        }
    }
}

static double Median(List<double> values) => Percentile(values, 50);

static double Percentile(List<double> values, double percentile)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

/// <summary>Reading one agreement with h2load: the peak, and half of it as steady arrivals and as h2load's bursts.</summary>
internal sealed record H2LoadReads(double Peak, double PacedRate, double P50, double P99, double BurstP50, double BurstP99);

internal sealed record Options(int Rounds, int Seconds, int Workers, bool Check)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(3, 10, 16, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--workers" => options with { Workers = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--check" => options with { Check = true },
                _ => throw new ArgumentException($"unknown option {args[i]}; use --rounds N --seconds S --workers W --check"),
            };
        }

        return options;
    }
}

/// <summary>A full agreement in the shape of seed 001: five goals with two typed targets each, prose of that length.</summary>
internal static class FullAgreement
{
    private static readonly string Prose = string.Join(' ', Enumerable.Repeat(
        "Ziel ist es, dass erwerbsfähige Leistungsberechtigte den Lebensunterhalt unabhängig von der Grundsicherung bestreiten.", 4));

    public static CreateDraftRequest Draft(string id)
    {
        var content = new AgreementContent
        {
            Title = "Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018",
            Preamble = string.Join("\n\n", Enumerable.Repeat(Prose, 3)),
            DialoguePlan = new DialoguePlan { PerYear = 2, Text = Prose },
        };
        (string Figure, KeyFigurePart Part, Measure Measure, Direction Direction, string Value)[] targets =
        [
            ("K2", KeyFigurePart.Numerator, Measure.AnnualSum, Direction.AtLeast, "2.1"),
            ("K2", KeyFigurePart.Value, Measure.CalendarYearValue, Direction.AtLeast, "0.0"),
            ("K3", KeyFigurePart.Numerator, Measure.AnnualAverage, Direction.AtMost, "0.0"),
            ("K3E1", KeyFigurePart.Value, Measure.CalendarYearValue, Direction.AtLeast, "4.0"),
            ("K3", KeyFigurePart.Numerator, Measure.DecemberValue, Direction.AtMost, "0.0"),
        ];
        for (var g = 0; g < 5; g++)
        {
            var goal = new Goal { Id = $"G{g + 1}", Kind = (GoalKind)(g % 4 + 1), Heading = $"{g + 1}. Ziel", Text = Prose };
            for (var t = 0; t < 2; t++)
            {
                var (figure, part, measure, direction, value) = targets[(g * 2 + t) % targets.Length];
                goal.Targets.Add(new Target
                {
                    Id = $"{g + 1}.{t + 1}",
                    Indicator = new Indicator { KeyFigure = new KeyFigure { Id = figure, Part = part } },
                    Measure = measure,
                    Comparison = Comparison.RelativeChange,
                    Direction = direction,
                    Value = value,
                    DataBasis = DataBasis.Final,
                    Scope = new Scope { JobcenterId = "jc-05554" },
                    Wording = "Das Ziel ist im Jahr 2018 erreicht, wenn sich die absolute Zahl der Integrationen um 2,1 % gegenüber dem Vorjahr erhöht.",
                });
            }

            content.Goals.Add(goal);
        }

        return new CreateDraftRequest
        {
            AgreementId = id,
            Year = 2018,
            LegalBasis = LegalBasis.Sgb248BNr4,
            DatedOn = "2018-01-15",
            Parties =
            {
                new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory, RepresentedBy = new Representative { Salutation = "Herrn", Role = "Staatssekretär", Name = "Dr. Edmund Heller" } },
                new AgreementParty { PartyId = "kt-05554", Role = PartyRole.Signatory, RepresentedBy = new Representative { Salutation = "Herrn", Role = "Landrat", Name = "Dr. Kai Zwicker" } },
                new AgreementParty { PartyId = "jc-05554", Role = PartyRole.Concerned },
            },
            Content = content,
        };
    }
}
