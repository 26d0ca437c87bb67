using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>
/// Once per test assembly: the party registry, and each peer's client script run once against it (both peers at the
/// same time, each with its own parties and its own tokens, which it gets from the token endpoint with the development
/// clients' credentials). Tests look up what a peer observed in one named check.
/// </summary>
public sealed class PeerRuns : IAsyncLifetime
{
    /// <summary>The environment variables that carry the client secrets to the peers.</summary>
    public const string WriterSecretVariable = "INTEROP_WRITER_SECRET", ReaderSecretVariable = "INTEROP_READER_SECRET", AdminSecretVariable = "INTEROP_ADMIN_SECRET";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly RegistryTopology _registry = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, JsonElement>>> _runs = new();

    public static IReadOnlyList<Peer> All { get; } = [Peer.Python, Peer.Node];

    /// <summary>The peers by name, for theory rows (a name is what xunit can show and serialize).</summary>
    public static TheoryData<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static Peer Named(string name) => All.Single(p => p.Name == name);

    public async Task InitializeAsync()
    {
        await _registry.InitializeAsync();
        foreach (var peer in All)
        {
            _runs[peer.Name] = RunAsync(peer);
        }
    }

    public Task DisposeAsync() => _registry.DisposeAsync();

    /// <summary>The run id a peer used: the id of the party it registered (its import's party is "&lt;id&gt;-imp").</summary>
    public static string RunId(Peer peer) => $"ix-{Path.GetFileName(peer.Directory)}-{Environment.ProcessId}";

    /// <summary>What <paramref name="peer"/> observed in <paramref name="check"/>; fails with the peer's error, if any.</summary>
    public async Task<JsonElement> CheckAsync(string peerName, string check)
    {
        var peer = Named(peerName);
        var results = await _runs[peer.Name];
        var result = results.TryGetValue(check, out var found)
            ? found
            : throw new Xunit.Sdk.XunitException($"{peer} printed no result for '{check}'; it printed: {string.Join(", ", results.Keys)}.");
        if (result.TryGetProperty("error", out var error))
        {
            throw new Xunit.Sdk.XunitException($"{peer} failed in '{check}': {error.GetString()}");
        }

        return result;
    }

    /// <summary>The names of every check a peer ran.</summary>
    public async Task<IReadOnlyCollection<string>> ChecksAsync(string peerName) => [.. (await _runs[peerName]).Keys];

    private async Task<IReadOnlyDictionary<string, JsonElement>> RunAsync(Peer peer)
    {
        var descriptors = Path.Combine(AppContext.BaseDirectory, "interop.pb");
        var info = peer.StartInfo(peer.ClientScript,
        [
            "--descriptors", descriptors, "--target", _registry.GrpcAddress.Authority, "--run-id", RunId(peer),
            "--token-endpoint", _registry.TokenEndpoint.AbsoluteUri,
            "--writer", _registry.Writer.ClientId, "--reader", _registry.Reader.ClientId, "--admin", _registry.Admin.ClientId,
        ]);
        // The secrets go in the environment, not on the command line (which every user of the machine can read); the
        // peer gets its tokens itself from the token endpoint, with its own HTTP client.
        info.Environment[WriterSecretVariable] = _registry.Writer.Secret;
        info.Environment[ReaderSecretVariable] = _registry.Reader.Secret;
        info.Environment[AdminSecretVariable] = _registry.Admin.Secret;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{peer} did not start.");
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
            throw new TimeoutException($"{peer} did not finish within {RunTimeout}: {await errors}");
        }

        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var result = JsonDocument.Parse(line).RootElement;
            results[result.GetProperty("check").GetString()!] = result;
        }

        return process.ExitCode == 0
            ? results
            : throw new InvalidOperationException($"{peer} exited with {process.ExitCode}: {await errors}");
    }
}

[CollectionDefinition(Name)]
public sealed class PeerCollection : ICollectionFixture<PeerRuns>
{
    public const string Name = "party registry called from other gRPC stacks";
}
