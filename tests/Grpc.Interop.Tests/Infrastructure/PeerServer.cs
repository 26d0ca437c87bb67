using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// A peer's Echo server as a child process on a free loopback port. It reports readiness and the calls it saw
/// cancelled as JSON lines on stdout; closing its stdin stops it (also when the test host dies).
/// </summary>
public sealed class PeerServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly SemaphoreSlim _eventArrived = new(0);
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerServer(Peer peer, Process process)
    {
        Peer = peer;
        _process = process;
    }

    public Peer Peer { get; }

    /// <summary>Address of the plain listener (http://127.0.0.1:port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Address of a listener that compresses its responses with gzip, if the peer can.</summary>
    public Uri? CompressingAddress { get; private set; }

    public static async Task<PeerServer> StartAsync(Peer peer)
    {
        var process = Process.Start(peer.StartInfo(peer.ServerScript, ["--descriptors", InteropDescriptors.Path]))!;
        var server = new PeerServer(peer, process);
        server.Pump();
        try
        {
            var ready = await server._ready.Task.WaitAsync(StartTimeout);
            server.Address = new Uri($"http://127.0.0.1:{ready.GetProperty("port").GetInt32()}");
            if (ready.TryGetProperty("compressed_port", out var compressed))
            {
                server.CompressingAddress = new Uri($"http://127.0.0.1:{compressed.GetInt32()}");
            }
            return server;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{peer} server did not get ready: {e.Message}\n{server.StandardError}", e);
        }
    }

    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Waits until the server reports the call with <paramref name="testId"/> as cancelled.</summary>
    public async Task<JsonElement?> WaitForCancellationAsync(string testId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _events.FirstOrDefault(e => e.GetProperty("event").GetString() == "cancelled"
                && e.GetProperty("test_id").GetString() == testId);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            await _eventArrived.WaitAsync(left);
        }
    }

    private void Pump()
    {
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonElement element;
                try
                {
                    element = JsonDocument.Parse(line).RootElement;
                }
                catch (JsonException)
                {
                    continue; // not one of ours (a library printing to stdout)
                }
                if (element.GetProperty("event").GetString() == "ready")
                {
                    _ready.TrySetResult(element);
                }
                else
                {
                    _events.Enqueue(element);
                    _eventArrived.Release();
                }
            }
            _ready.TrySetException(new InvalidOperationException($"exited with code {ExitCode()}"));
        });
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        });
    }

    private string ExitCode()
    {
        _process.WaitForExit(1000);
        return _process.HasExited ? _process.ExitCode.ToString() : "?";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
