using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Monitoring.Benchmarks;

/// <summary>
/// One WatchStatusChanges stream kept open on one replica: for every cause ("kpi delivery dlv-…") the lines it changed
/// and when the last of them arrived here (wall clock, to compare with the delivery's delivered_at on the same machine).
/// </summary>
internal sealed class Watcher : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (HashSet<string> Lines, DateTime Last)> _byCause = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly AsyncServerStreamingCall<WatchStatusChangesResponse> _call;
    private readonly Task _reading;
    private Exception? _failure;

    private Watcher(string replica, AsyncServerStreamingCall<WatchStatusChangesResponse> call)
    {
        Replica = replica;
        _call = call;
        _reading = ReadAsync();
    }

    public string Replica { get; }

    /// <summary>Opens the stream and returns once the service said where it starts (its first message).</summary>
    public static async Task<Watcher> StartAsync(string replica, MonitoringClient client, Metadata headers, WatchStatusChangesRequest request)
    {
        var call = client.WatchStatusChanges(request, headers);
        if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.KindCase != WatchStatusChangesResponse.KindOneofCase.Subscribed)
        {
            throw new InvalidOperationException($"the watch on {replica} did not begin with 'subscribed'");
        }

        return new Watcher(replica, call);
    }

    /// <summary>How many lines <paramref name="cause"/> changed as seen here, and when the last change arrived.</summary>
    public (int Lines, DateTime Last) Seen(string cause)
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException($"the watch on {Replica} failed", _failure);
        }

        lock (_gate)
        {
            return _byCause.TryGetValue(cause, out var seen) ? (seen.Lines.Count, seen.Last) : (0, default);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                var arrived = DateTime.UtcNow;
                var change = _call.ResponseStream.Current.Change;
                lock (_gate)
                {
                    if (!_byCause.TryGetValue(change.Cause, out var seen))
                    {
                        seen = (new HashSet<string>(StringComparer.Ordinal), arrived);
                    }

                    seen.Lines.Add($"{change.AgreementId}/{change.GoalId}/{change.TargetId}");
                    _byCause[change.Cause] = (seen.Lines, arrived);
                }
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
        }
        catch (Exception e)
        {
            _failure = e;
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
