using System.Diagnostics;
using System.Text.Json;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>Runs one scenario of a peer's client script (a process per scenario) and parses what it observed.</summary>
public static class PeerClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task<PeerResult> RunAsync(Peer peer, Uri target, string scenario, string testId)
    {
        using var process = Process.Start(peer.StartInfo(peer.ClientScript,
            ["--descriptors", InteropDescriptors.Path, "--target", $"{target.Host}:{target.Port}", "--scenario", scenario, "--test-id", testId]))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{peer} client, scenario '{scenario}' against {target}: no result within {Timeout.TotalSeconds} s.\n{await stderr}");
            }
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{peer} client, scenario '{scenario}' against {target} failed (exit code {process.ExitCode}):\n{await stderr}{await stdout}");
        }
        var json = (await stdout).Trim();
        return JsonSerializer.Deserialize<PeerResult>(json, JsonOptions)
            ?? throw new InvalidOperationException($"{peer} client printed no result for '{scenario}'.");
    }
}

/// <summary>What a peer client observed (the JSON printed by echo_client.py / echo-client.js).</summary>
public sealed record PeerResult
{
    public int Code { get; init; }
    public string Details { get; init; } = "";
    public List<PeerResponse> Responses { get; init; } = [];
    public List<PeerMetadataEntry> Headers { get; init; } = [];
    public List<PeerMetadataEntry> Trailers { get; init; } = [];
    public PeerStatusDetails? StatusDetails { get; init; }
    public int? ElapsedMs { get; init; }
    public List<int> Codes { get; init; } = [];
    public List<PeerHealthCheck> Checks { get; init; } = [];
    public List<string> Statuses { get; init; } = [];
    public List<string> Services { get; init; } = [];
    public List<string> Files { get; init; } = [];
    public List<string> Methods { get; init; } = [];
    public string? Input { get; init; }

    public StatusCode StatusCode => (StatusCode)Code;

    /// <summary>Entries whose key starts with <paramref name="prefix"/>, as "key=value" (binary: "key=base64").</summary>
    public static IEnumerable<string> Select(IEnumerable<PeerMetadataEntry> entries, string prefix) =>
        entries.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.ToString());
}

public sealed record PeerResponse(string Message, int PayloadLen, string PayloadSha256, int Index);

public sealed record PeerMetadataEntry(string Key, string? Value, string? Bin)
{
    public override string ToString() => $"{Key}={Value ?? Bin}";
}

public sealed record PeerStatusDetails(int Code, string Message, List<PeerStatusDetail> Details);

public sealed record PeerStatusDetail(string TypeUrl, List<PeerFieldViolation>? FieldViolations);

public sealed record PeerFieldViolation(string Field, string Description);

public sealed record PeerHealthCheck(string Service, int Code, string? Status);
