using System.Collections.Concurrent;
using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace EndToEnd.Tests;

/// <summary>
/// A party's watch of status changes kept open in the background, as a client that means to miss nothing keeps it: when
/// the stream breaks (its replica killed, say), it reconnects — to <see cref="Reconnect"/>'s address, which the test may
/// point elsewhere — with the position of the last change it saw. Everything it received is in <see cref="Received"/>,
/// duplicates included, so a test can assert that each position came once.
/// </summary>
public sealed class Watcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<StatusChange> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchStatusChangesRequest _request;
    private readonly Task _reading;
    private long _last;
    private int _streams;

    private Watcher(Func<Task<MonitoringClient>> reconnect, WatchStatusChangesRequest request, long subscribedAt, AsyncServerStreamingCall<WatchStatusChangesResponse> first)
    {
        Reconnect = reconnect;
        _request = request;
        SubscribedAt = subscribedAt;
        _last = subscribedAt;
        _reading = RunAsync(first);
    }

    /// <summary>The position the first stream started after.</summary>
    public long SubscribedAt { get; }

    /// <summary>Where a broken stream is opened again.</summary>
    public Func<Task<MonitoringClient>> Reconnect { get; set; }

    public IReadOnlyList<StatusChange> Received => [.. _received];

    /// <summary>How many times the stream was opened (1 = it never broke).</summary>
    public int Streams => _streams;

    /// <summary>The last error that broke a stream, for the output.</summary>
    public string? LastBreak
    {
        get => _breaks.LastOrDefault();
        private set => _breaks.Enqueue(value ?? "");
    }

    /// <summary>Every error that broke a stream or failed to open it again, oldest first.</summary>
    public IReadOnlyList<string> Breaks => [.. _breaks];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _breaks = new();

    public static async Task<Watcher> StartAsync(Func<Task<MonitoringClient>> connect, WatchStatusChangesRequest request)
    {
        var call = (await connect()).WatchStatusChanges(request.Clone());
        if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.KindCase != WatchStatusChangesResponse.KindOneofCase.Subscribed)
        {
            call.Dispose();
            throw new InvalidOperationException("the watch did not start with the position it starts after");
        }

        return new Watcher(connect, request, call.ResponseStream.Current.Subscribed.Position, call);
    }

    /// <summary>Waits until the changes received satisfy <paramref name="done"/>; fails after <paramref name="timeout"/> naming what came.</summary>
    public async Task<IReadOnlyList<StatusChange>> WaitForAsync(Func<IReadOnlyList<StatusChange>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (done(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the watcher did not see {what} within {timeout.TotalSeconds} s; it saw {received.Count}: "
                    + string.Join("; ", received.Select(Describe)) + (LastBreak is null ? "" : $" (last break: {LastBreak})"));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits <paramref name="quiet"/> and returns what arrived after <paramref name="seen"/> changes (for "nothing else came").</summary>
    public async Task<IReadOnlyList<StatusChange>> MoreAfterAsync(int seen, TimeSpan quiet)
    {
        await Task.Delay(quiet);
        return [.. Received.Skip(seen)];
    }

    public static string Describe(StatusChange c) =>
        $"#{c.Position} {c.AgreementId} {c.GoalId}/{c.TargetId} {c.PreviousStatus}→{c.Status} at {c.Month} (value {c.Value}, change {c.ChangePercent}; {c.Cause})";

    private async Task RunAsync(AsyncServerStreamingCall<WatchStatusChangesResponse> call)
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _streams);
            try
            {
                using (call)
                {
                    while (await call.ResponseStream.MoveNext(_stop.Token))
                    {
                        if (call.ResponseStream.Current.KindCase == WatchStatusChangesResponse.KindOneofCase.Change)
                        {
                            var change = call.ResponseStream.Current.Change;
                            _received.Enqueue(change);
                            Interlocked.Exchange(ref _last, Math.Max(Interlocked.Read(ref _last), change.Position));
                        }
                    }
                }

                LastBreak = "the stream ended";
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (_stop.IsCancellationRequested && e.StatusCode == StatusCode.Cancelled)
            {
                return;
            }
            catch (RpcException e)
            {
                LastBreak = $"{e.StatusCode}: {e.Status.Detail}";
            }

            // Open it again after the last change seen; a service still starting is tried again.
            while (!_stop.IsCancellationRequested)
            {
                AsyncServerStreamingCall<WatchStatusChangesResponse>? next = null;
                try
                {
                    await Task.Delay(250, _stop.Token);
                    var request = _request.Clone();
                    request.AfterPosition = Interlocked.Read(ref _last);
                    next = (await Reconnect()).WatchStatusChanges(request, cancellationToken: _stop.Token);
                    if (await next.ResponseStream.MoveNext(_stop.Token))
                    {
                        call = next;
                        break;
                    }

                    next.Dispose();
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    next?.Dispose();
                    return;
                }
                catch (RpcException e)
                {
                    next?.Dispose();
                    LastBreak = $"{e.StatusCode}: {e.Status.Detail}";
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (RpcException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
