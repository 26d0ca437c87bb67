namespace Zielsteuerung.Messaging;

/// <summary>Tuning of the outbox relay; the defaults suit a normal service.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows taken per round trip.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the relay looks for rows when no commit woke it (other instances, missed signals).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a commit woke the relay, how long it waits for more commits to join the batch (0 = none): fewer relay
    /// transactions under load for a few milliseconds of delivery delay.
    /// </summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long one publication may wait for the broker before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause after a failure; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest pause between attempts while the broker or database is down.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Published rows are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
