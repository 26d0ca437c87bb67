using System.Threading.Channels;
using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Monitoring.Tests.Integration;

/// <summary>A watch kept open in the background: its first answer (the position it starts after) and every change.</summary>
internal sealed class Watching : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<StatusChange> _changes = Channel.CreateUnbounded<StatusChange>();
    private readonly AsyncServerStreamingCall<WatchStatusChangesResponse> _call;
    private readonly Task _reading;

    private Watching(AsyncServerStreamingCall<WatchStatusChangesResponse> call, long position)
    {
        _call = call;
        Position = position;
        _reading = ReadAsync();
    }

    public long Position { get; }

    public List<StatusChange> Seen { get; } = [];

    public static async Task<Watching> StartAsync(MonitoringClient client, WatchStatusChangesRequest request)
    {
        var call = client.WatchStatusChanges(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the watch ended before it said where it starts");
        Assert.Equal(WatchStatusChangesResponse.KindOneofCase.Subscribed, call.ResponseStream.Current.KindCase);
        return new Watching(call, call.ResponseStream.Current.Subscribed.Position);
    }

    /// <summary>The next change, or fails after <paramref name="timeout"/>.</summary>
    public async Task<StatusChange> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            var change = await _changes.Reader.ReadAsync(cancel.Token);
            Seen.Add(change);
            return change;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no status change within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s; seen: {string.Join(", ", Seen.Select(s => s.Position))}");
        }
    }

    /// <summary>Every change that arrives within <paramref name="quiet"/> (for "nothing else came").</summary>
    public async Task<IReadOnlyList<StatusChange>> DrainAsync(TimeSpan quiet)
    {
        var more = new List<StatusChange>();
        using var cancel = new CancellationTokenSource(quiet);
        try
        {
            while (true)
            {
                more.Add(await _changes.Reader.ReadAsync(cancel.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Seen.AddRange(more);
            return more;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                await _changes.Writer.WriteAsync(_call.ResponseStream.Current.Change);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _changes.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _call.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
