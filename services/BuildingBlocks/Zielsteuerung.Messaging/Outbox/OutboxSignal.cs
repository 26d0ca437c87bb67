namespace Zielsteuerung.Messaging.Outbox;

// Wakes the relay after a commit that wrote outbox rows. A signal given while the relay is busy is kept,
// so the next wait returns at once and nothing committed in between waits for the polling interval.
internal sealed class OutboxSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits for a signal or the timeout; true when a signal came.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(
                ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            return true;
        }

        return false;
    }
}
