namespace Zielsteuerung.IntegrationEvents;

/// <summary>
/// Base of every integration event: a fact one service publishes (through its outbox) and others consume.
/// Records in <c>Zielsteuerung.IntegrationEvents.&lt;Area&gt;</c> derive from it; the namespace matters,
/// MassTransit names exchanges after it.
/// </summary>
/// <remarks>
/// Delivery is at least once: a consumer may see the same event twice and must be idempotent,
/// for example by remembering <see cref="EventId"/> (it is also the broker message id).
/// </remarks>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this occurrence; stable across redeliveries.</summary>
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>When the fact happened (UTC), not when it was delivered.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
