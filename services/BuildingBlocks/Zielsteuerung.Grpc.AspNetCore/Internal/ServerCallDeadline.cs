namespace Zielsteuerung.Grpc.AspNetCore.Internal;

internal interface IDeadlineTarget
{
    /// <summary>Answers DEADLINE_EXCEEDED now, whatever the handler is doing, and ends the stream.</summary>
    Task DeadlineExceededAsync();
}

/// <summary>
/// The deadline of one server call (from grpc-timeout): a token cancelled by the client's reset or the deadline,
/// and a timer that makes the call answer DEADLINE_EXCEEDED even if the handler ignores the token.
/// </summary>
internal sealed class ServerCallDeadline : IDisposable
{
    // System.Threading.Timer accepts at most 0xFFFFFFFE ms; longer timeouts never fire in practice.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource _cts;
    private readonly IDeadlineTarget _target;
    private readonly Timer? _timer;
    private int _expired;

    public ServerCallDeadline(TimeSpan timeout, CancellationToken requestAborted, IDeadlineTarget target)
    {
        var now = DateTime.UtcNow;
        DeadlineUtc = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        Token = _cts.Token;
        _target = target;
        if (timeout <= MaxTimer)
        {
            _timer = new Timer(static state => ((ServerCallDeadline)state!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public DateTime DeadlineUtc { get; }

    /// <summary>Serializes the call's response writes and status with the deadline's answer.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public CancellationToken Token { get; }
    public bool Expired => Volatile.Read(ref _expired) == 1;

    private void Fire()
    {
        if (Interlocked.Exchange(ref _expired, 1) != 0)
        {
            return;
        }
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _ = _target.DeadlineExceededAsync();
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Dispose();
    }
}
