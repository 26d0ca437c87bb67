using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Monitoring.Benchmarks;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.Testing;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

// The monitoring benchmark (tests/Benchmarks/monitoring-bench.sh, docs/benchmarks.md), on the AppHost's topology with
// --replicas monitoring replicas:
//   (a) every NRW jobcenter's K2 is a target of one of --agreements agreements in force; --watchers watchers (spread over
//       the replicas, each at a replica's own port) watch every change. Each round delivers March's integrations of all
//       jobcenters (one delivery, alternately off and on track) and measures from the delivery's delivered_at (the
//       service's timestamp of the stored delivery, taken just before its transaction commits) to the moment the last
//       watcher has received the change of every line; also from the moment Deliver returned. Target p95 <= 2 s.
//   (b) GetAgreementAttainment of one agreement from the warm cache, closed loops of 1 and --clients clients, --calls
//       calls each, through DCP's proxy and at a replica's own port. Target p99 <= 5 ms (headline: the replica's own
//       port with --clients clients).
// The load generator runs on the same two cores as the services and the infrastructure.
var options = Options.Parse(args);
Console.WriteLine($"monitoring benchmark: {options.Replicas} replicas, {options.Agreements} agreements, {options.Watchers} watchers, " +
    $"{options.Warmup} + {options.Rounds} rounds; {options.Calls} GetAgreementAttainment calls per loop; {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");

await using var topology = await TestTopology.StartAsync(builder =>
{
    foreach (var service in new[] { "monitoring", "kpi-ingestion" })
    {
        builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
    }
}, $"--Monitoring:Replicas={options.Replicas}");
var replicas = (await topology.ReplicasAsync("monitoring", options.Replicas)).Select(r => r.Address).ToList();
Console.WriteLine($"replicas at {string.Join(", ", replicas)}; DCP's proxy at {topology.App.GetEndpoint("monitoring", "grpc")}");

using var tokens = new DevelopmentTokens(topology.App);
var channels = new List<GrpcChannel>();
GrpcChannel Channel(Uri address)
{
    var channel = GrpcChannel.ForAddress(address);
    channels.Add(channel);
    return channel;
}

var registry = new PartyRegistry.PartyRegistryClient(Channel(topology.App.GetEndpoint("party-registry", "grpc")));
var agreements = new AgreementsClient(Channel(topology.App.GetEndpoint("agreements", "grpc")));
var kpi = new KpiClient(Channel(topology.App.GetEndpoint("kpi-ingestion", "grpc")));
var reading = new Metadata { { "authorization", "Bearer " + await tokens.GetAsync("mags-nrw", "monitoring.read") } };
var mags = new Metadata { { "authorization", "Bearer " + await tokens.GetAsync("mags-nrw", "parties.read", "agreements.read", "agreements.write", "agreements.sign") } };
var borken = new Metadata { { "authorization", "Bearer " + await tokens.GetAsync("kt-05554", "agreements.read", "agreements.sign") } };
var statistik = new Metadata { { "authorization", "Bearer " + await tokens.GetAsync("ba-statistik", "kpi.deliver") } };
var monitoring = new MonitoringClient(Channel(replicas[0]));

// ---- setup: the jobcenters, their history, the agreements in force ----
var members = await registry.ListGroupMembersAsync(new ListGroupMembersRequest
{
    Group = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-NW" }, AsOf = $"{BenchData.Year}-03-31",
}, mags);
var jobcenters = members.Members.Select(m => new Jobcenter(m.Id, m.Ags.Length > 0 ? m.Ags : m.Id.Replace("jc-", "", StringComparison.Ordinal))).ToList();
Console.WriteLine($"{jobcenters.Count} NRW jobcenters in the registry as of {members.AsOf}");
var history = await DeliverAsync(BenchData.History(jobcenters), "history 2016-12 … 2018-03");
Console.WriteLine($"history: {history.RowsStored} rows ({history.DeliveryId})");

var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var ids = new List<string>();
for (var a = 0; a < options.Agreements; a++)
{
    var id = $"bench-mon-{run}-{a + 1}";
    var draft = await agreements.CreateDraftAsync(BenchData.Agreement(id, [.. jobcenters.Where((_, i) => i % options.Agreements == a)]), mags);
    var signed = await agreements.SignAsync(new SignRequest { AgreementId = id, ExpectedVersion = draft.Version, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29" }, borken);
    var inForce = await agreements.SignAsync(new SignRequest { AgreementId = id, ExpectedVersion = signed.Version, Signatory = "Dr. Edmund Heller", Place = "Düsseldorf", SignedOn = "2018-02-22" }, mags);
    if (inForce.Edition.Status != AgreementStatus.InForce)
    {
        throw new InvalidOperationException($"{id} is {inForce.Edition.Status} after both signatures");
    }

    ids.Add(id);
}

var lines = jobcenters.Count;
var settled = Stopwatch.StartNew();
while (await OnTrackAsync() < lines)
{
    if (settled.Elapsed > TimeSpan.FromMinutes(5))
    {
        throw new TimeoutException($"only {await OnTrackAsync()} of {lines} lines on track 5 minutes after the agreements came into force");
    }

    await Task.Delay(500);
}

Console.WriteLine($"{ids.Count} agreements in force, {lines} K2 lines on track after {settled.Elapsed.TotalSeconds:F1} s");

// ---- (a) delivery → every watcher told every change ----
var watchers = new List<Watcher>();
for (var w = 0; w < options.Watchers; w++)
{
    var replica = replicas[w % replicas.Count];
    watchers.Add(await Watcher.StartAsync(replica.Authority, new MonitoringClient(Channel(replica)), reading, new WatchStatusChangesRequest { State = "DE-NW" }));
}

var fromCommit = new List<double>();
var fromReturn = new List<double>();
var deliverMs = new List<double>();
for (var round = 0; round < options.Warmup + options.Rounds; round++)
{
    var warm = round < options.Warmup;
    var started = Stopwatch.GetTimestamp();
    var report = await DeliverAsync(BenchData.Round(jobcenters, round), $"round {round}: integrations {BenchData.RoundMonth} = {BenchData.RoundValue(round)}");
    var returned = DateTime.UtcNow;
    var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (report.DuplicateOf.Length > 0)
    {
        throw new InvalidOperationException($"round {round}: the delivery was taken for {report.DuplicateOf}");
    }

    var committed = DateTime.Parse(report.DeliveredAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    var cause = $"kpi delivery {report.DeliveryId}";
    var waiting = Stopwatch.StartNew();
    while (watchers.Any(w => w.Seen(cause).Lines < lines))
    {
        if (waiting.Elapsed > TimeSpan.FromSeconds(options.RoundTimeoutSeconds))
        {
            throw new TimeoutException($"round {round}: after {options.RoundTimeoutSeconds} s the watchers have " +
                string.Join(", ", watchers.Select(w => $"{w.Seen(cause).Lines}")) + $" of {lines} changes of {cause}");
        }

        await Task.Delay(10);
    }

    var last = watchers.Max(w => w.Seen(cause).Last);
    var first = watchers.Min(w => w.Seen(cause).Last);
    var commitMs = (last - committed).TotalMilliseconds;
    var returnMs = (last - returned).TotalMilliseconds;
    if (!warm)
    {
        fromCommit.Add(commitMs);
        fromReturn.Add(returnMs);
        deliverMs.Add(took);
    }

    Console.WriteLine($"  {(warm ? $"warm-up {round + 1}" : $"round {round - options.Warmup + 1}")}: {lines} rows, integrations = {BenchData.RoundValue(round)}; Deliver {took:F0} ms; " +
        $"delivered_at → last watcher {commitMs:F0} ms (first watcher complete {(first - committed).TotalMilliseconds:F0} ms), Deliver returned → last watcher {returnMs:F0} ms; load average {LoadAverage()}");
    await Task.Delay(options.PauseMs);
}

foreach (var watcher in watchers)
{
    await watcher.DisposeAsync();
}

// ---- (b) GetAgreementAttainment from the cache ----
var agreementId = ids[0];
var overview = await monitoring.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = agreementId }, reading);
Console.WriteLine($"GetAgreementAttainment {agreementId}: {overview.Targets.Count} targets, {overview.CalculateSize()} bytes");
var readings = new List<(string Where, int Clients, Loop Result)>();
foreach (var (where, address) in new[] { ("DCP's proxy", topology.App.GetEndpoint("monitoring", "grpc")), ("replica's own port", replicas[0]) })
{
    var client = new MonitoringClient(Channel(address));
    foreach (var clients in new[] { 1, options.Clients })
    {
        await ClosedLoopAsync(client, agreementId, clients, Math.Max(1000, options.Calls / 5));
        var result = await ClosedLoopAsync(client, agreementId, clients, options.Calls);
        readings.Add((where, clients, result));
        Console.WriteLine($"  {where}, {clients} client(s): {result.Latencies.Count} calls, {result.PerSecond:F0} calls/s, p50 {Percentile(result.Latencies, 50):F2} ms, " +
            $"p99 {Percentile(result.Latencies, 99):F2} ms, max {result.Latencies.Max():F2} ms");
    }
}

// ---- the table and the verdict ----
var p95 = Percentile(fromCommit, 95);
var headline = readings.Single(r => r.Where == "replica's own port" && r.Clients == options.Clients).Result;
var p99 = Percentile(headline.Latencies, 99);
Console.WriteLine();
Console.WriteLine("| figure | p50 | p95 | p99 | max | calls/s | target |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
Console.WriteLine($"| (a) delivered_at → last of {watchers.Count} watchers told all {lines} changes ({fromCommit.Count} rounds) | {Percentile(fromCommit, 50):F0} ms | **{p95:F0} ms** | | {fromCommit.Max():F0} ms | | p95 ≤ 2,000 ms: {(p95 <= 2000 ? "met" : "**missed**")} |");
Console.WriteLine($"| (a) Deliver returned → the same | {Percentile(fromReturn, 50):F0} ms | {Percentile(fromReturn, 95):F0} ms | | {fromReturn.Max():F0} ms | | |");
Console.WriteLine($"| (a) Deliver of {lines} rows itself | {Percentile(deliverMs, 50):F0} ms | {Percentile(deliverMs, 95):F0} ms | | {deliverMs.Max():F0} ms | | |");
foreach (var (where, clients, result) in readings)
{
    var isHeadline = ReferenceEquals(result, headline);
    var p99Text = isHeadline ? $"**{Percentile(result.Latencies, 99):F2} ms**" : $"{Percentile(result.Latencies, 99):F2} ms";
    Console.WriteLine($"| (b) GetAgreementAttainment, {where}, {clients} client(s), {result.Latencies.Count} calls | {Percentile(result.Latencies, 50):F2} ms | {Percentile(result.Latencies, 95):F2} ms | {p99Text} | " +
        $"{result.Latencies.Max():F2} ms | {result.PerSecond:F0} | {(isHeadline ? $"p99 ≤ 5 ms: {(p99 <= 5 ? "met" : "**missed**")}" : "")} |");
}

Console.WriteLine($"load average after: {LoadAverage()}");
channels.ForEach(c => c.Dispose());
return options.Check && !(p95 <= 2000 && p99 <= 5) ? 1 : 0;

async Task<DeliveryReport> DeliverAsync(IEnumerable<DeliveryRow> rows, string description)
{
    var sent = rows.ToList();
    var report = await KpiDeliveries.SendAsync(kpi,
        new DeliveryHeader { Mode = DeliveryMode.AllOrNothing, Description = description, SourceName = "Monitoring.Benchmarks" }, sent, options: new CallOptions(statistik));
    return report.RowsStored == sent.Count
        ? report
        : throw new InvalidOperationException($"{description}: {report.RowsStored} of {sent.Count} rows stored ({report.State}, {string.Join("; ", report.Errors.Select(e => e.Message))})");
}

async Task<int> OnTrackAsync()
{
    var onTrack = 0;
    foreach (var id in ids)
    {
        var listed = await monitoring.ListTargetsAsync(new ListTargetsRequest { AgreementId = id, PageSize = 1000, Statuses = { TargetStatus.OnTrack } }, reading);
        onTrack += listed.Targets.Count;
    }

    return onTrack;
}

async Task<Loop> ClosedLoopAsync(MonitoringClient client, string id, int clients, int calls)
{
    var request = new GetAgreementAttainmentRequest { AgreementId = id };
    var latencies = new List<double>(calls);
    var remaining = calls;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        var mine = new List<double>();
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            var start = Stopwatch.GetTimestamp();
            await client.GetAgreementAttainmentAsync(request, reading);
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    }));
    return new Loop(latencies, latencies.Count / stopwatch.Elapsed.TotalSeconds);
}

static double Percentile(List<double> values, double percentile)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

internal sealed record Loop(List<double> Latencies, double PerSecond);

internal sealed record Options(int Rounds, int Warmup, int Watchers, int Replicas, int Agreements, int Calls, int Clients, int PauseMs, int RoundTimeoutSeconds, bool Check)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(20, 3, 10, 2, 5, 10_000, 8, 1000, 60, false);
        int Next(ref int i) => int.Parse(args[++i], CultureInfo.InvariantCulture);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = Next(ref i) },
                "--warmup" => options with { Warmup = Next(ref i) },
                "--watchers" => options with { Watchers = Next(ref i) },
                "--replicas" => options with { Replicas = Next(ref i) },
                "--agreements" => options with { Agreements = Next(ref i) },
                "--calls" => options with { Calls = Next(ref i) },
                "--clients" => options with { Clients = Next(ref i) },
                "--pause-ms" => options with { PauseMs = Next(ref i) },
                "--round-timeout" => options with { RoundTimeoutSeconds = Next(ref i) },
                "--check" => options with { Check = true },
                _ => throw new ArgumentException($"unknown option {args[i]}; use --rounds N --warmup N --watchers N --replicas N --agreements N --calls N --clients N --pause-ms MS --round-timeout S --check"),
            };
        }

        return options;
    }
}
