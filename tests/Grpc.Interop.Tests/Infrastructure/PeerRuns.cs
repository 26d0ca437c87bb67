using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>
/// Once per test assembly: the services, and each peer's client scripts run once against them (the registry's, the
/// agreements service's, the KPI ingestion service's and the monitoring service's, all at the same time, each with its
/// own run id and its own tokens, which it gets from the token endpoint with the development clients' credentials). Tests look up what a peer
/// observed in one named check.
/// </summary>
public sealed class PeerRuns : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Different for every test run: the agreements a run creates carry it in their ids, its KPI deliveries in their keys.</summary>
    private static readonly string Stamp = Guid.NewGuid().ToString("N")[..6];

    private readonly InteropTopology _topology = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> _registryRuns = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> _agreementsRuns = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> _kpiRuns = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> _monitoringRuns = new();

    public static IReadOnlyList<Peer> All { get; } = [Peer.Python, Peer.Node];

    /// <summary>The peers by name, for theory rows (a name is what xunit can show and serialize).</summary>
    public static TheoryData<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static Peer Named(string name) => All.Single(p => p.Name == name);

    /// <summary>The environment variable that carries the secret of a role's client to a peer: INTEROP_WRITER_SECRET, ….</summary>
    public static string SecretVariable(string role) => $"INTEROP_{role.ToUpperInvariant()}_SECRET";

    public async Task InitializeAsync()
    {
        await _topology.InitializeAsync();
        foreach (var peer in All)
        {
            _registryRuns[peer.Name] = RunAsync(peer, peer.RegistryScript, _topology.RegistryAddress, RunId(peer),
                new() { ["writer"] = _topology.Writer, ["reader"] = _topology.Reader, ["admin"] = _topology.Admin });
            _agreementsRuns[peer.Name] = RunAsync(peer, peer.AgreementsScript, _topology.AgreementsAddress, AgreementsRunId(peer),
                new() { ["drafter"] = _topology.Writer, ["signer"] = _topology.Borken, ["outsider"] = _topology.Unna });
            _kpiRuns[peer.Name] = RunAsync(peer, peer.KpiScript, _topology.KpiAddress, KpiRunId(peer),
                new() { ["deliverer"] = _topology.Statistik, ["reader"] = _topology.Reader });
            // Each peer puts an agreement of its own Kreis in force (python: Borken, node: Unna) and reads it as its jobcenter.
            var (jobcenter, carrier) = peer == Peer.Python ? (_topology.Reader, _topology.Borken) : (_topology.UnnaJobcenter, _topology.Unna);
            _monitoringRuns[peer.Name] = RunAsync(peer, peer.MonitoringScript, _topology.MonitoringAddress, MonitoringRunId(peer),
                new() { ["reader"] = jobcenter, ["drafter"] = _topology.Writer, ["signer"] = carrier, ["deliverer"] = _topology.Statistik },
                ["--agreements-target", _topology.AgreementsAddress.Authority, "--kpi-target", _topology.KpiAddress.Authority]);
        }
    }

    public Task DisposeAsync() => _topology.DisposeAsync();

    /// <summary>The run id a peer used: the id of the party it registered (its import's party is "&lt;id&gt;-imp").</summary>
    public static string RunId(Peer peer) => $"ix-{Path.GetFileName(peer.Directory)}-{Environment.ProcessId}";

    /// <summary>The start of the ids of the agreements a peer created: "&lt;run id&gt;-borken", "&lt;run id&gt;-list-1", ….</summary>
    public static string AgreementsRunId(Peer peer) => $"{RunId(peer)}-{Stamp}";

    /// <summary>
    /// The run id of a peer's KPI checks: its deliveries' idempotency keys are "&lt;run id&gt;-partial", …, and a value
    /// made of it (<see cref="KpiRunValue"/>) makes the content of the deliveries that must be new differ in every run.
    /// </summary>
    public static string KpiRunId(Peer peer) => $"{RunId(peer)}-kpi-{Stamp}";

    /// <summary>The run id of a peer's monitoring checks: its agreement is "&lt;run id&gt;-monitored".</summary>
    public static string MonitoringRunId(Peer peer) => $"{RunId(peer)}-mon-{Stamp}";

    /// <summary>100 … 999 from the run id's SHA-256 (its first 4 bytes, big-endian), as the peers compute it: the value
    /// of the row that makes a delivery new.</summary>
    public static string KpiRunValue(Peer peer)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(KpiRunId(peer)));
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % 900 + 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What <paramref name="peer"/> observed in <paramref name="check"/> of the registry; fails with the peer's error, if any.</summary>
    public Task<JsonElement> CheckAsync(string peer, string check) => CheckAsync(_registryRuns, peer, check);

    /// <summary>What <paramref name="peer"/> observed in <paramref name="check"/> of the agreements service.</summary>
    public Task<JsonElement> AgreementsCheckAsync(string peer, string check) => CheckAsync(_agreementsRuns, peer, check);

    /// <summary>What <paramref name="peer"/> observed in <paramref name="check"/> of the KPI ingestion service.</summary>
    public Task<JsonElement> KpiCheckAsync(string peer, string check) => CheckAsync(_kpiRuns, peer, check);

    /// <summary>What <paramref name="peer"/> observed in <paramref name="check"/> of the monitoring service.</summary>
    public Task<JsonElement> MonitoringCheckAsync(string peer, string check) => CheckAsync(_monitoringRuns, peer, check);

    /// <summary>The names of every check a peer ran against the registry.</summary>
    public async Task<IReadOnlyCollection<string>> ChecksAsync(string peerName) => [.. (await _registryRuns[peerName]).Keys];

    private static async Task<JsonElement> CheckAsync(
        ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> runs, string peerName, string check)
    {
        var peer = Named(peerName);
        var results = await runs[peer.Name];
        var result = results.TryGetValue(check, out var found)
            ? found
            : throw new Xunit.Sdk.XunitException($"{peer} printed no result for '{check}'; it printed: {string.Join(", ", results.Keys)}.");
        if (result.TryGetProperty("error", out var error))
        {
            throw new Xunit.Sdk.XunitException($"{peer} failed in '{check}': {error.GetString()}");
        }

        return result;
    }

    private async Task<IReadOnlyDictionary<string, JsonElement>> RunAsync(
        Peer peer, string script, Uri target, string runId, Dictionary<string, ClientCredentials> clients, string[]? more = null)
    {
        var descriptors = Path.Combine(AppContext.BaseDirectory, "interop.pb");
        var info = peer.StartInfo(script,
        [
            "--descriptors", descriptors, "--target", target.Authority, "--run-id", runId,
            "--token-endpoint", _topology.TokenEndpoint.AbsoluteUri,
            .. clients.SelectMany(c => new[] { "--" + c.Key, c.Value.ClientId }),
            .. more ?? [],
        ]);
        // The secrets go in the environment, not on the command line (which every user of the machine can read); the
        // peer gets its tokens itself from the token endpoint, with its own HTTP client.
        foreach (var (role, client) in clients)
        {
            info.Environment[SecretVariable(role)] = client.Secret;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{peer} did not start {script}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{peer} {script} did not finish within {RunTimeout}: {await errors}; it printed: {await output}");
        }

        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var result = JsonDocument.Parse(line).RootElement;
            results[result.GetProperty("check").GetString()!] = result;
        }

        return process.ExitCode == 0
            ? results
            : throw new InvalidOperationException($"{peer} {script} exited with {process.ExitCode}: {await errors}");
    }
}

[CollectionDefinition(Name)]
public sealed class PeerCollection : ICollectionFixture<PeerRuns>
{
    public const string Name = "our services called from other gRPC stacks";
}
