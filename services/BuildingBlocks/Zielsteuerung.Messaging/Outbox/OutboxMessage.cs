namespace Zielsteuerung.Messaging;

/// <summary>
/// An integration event waiting in the outbox: written in the same transaction as the state change it
/// reports, published by the relay after the commit. Mapped by <see cref="OutboxModelBuilderExtensions.ApplyOutbox"/>
/// to the table <c>outbox_messages</c> (DDL in <see cref="OutboxSchema.Sql"/>).
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        MessageType = Payload = "";
    }

    internal OutboxMessage(Guid id, string messageType, string payload, DateTimeOffset occurredAt, string? traceParent, string? traceState)
    {
        Id = id;
        MessageType = messageType;
        Payload = payload;
        OccurredAt = occurredAt;
        TraceParent = traceParent;
        TraceState = traceState;
    }

    /// <summary>The event's id; also the broker message id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Assigned by the database on insert; the relay publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>CLR type of the event: "Namespace.Type, Assembly".</summary>
    public string MessageType { get; private set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>W3C traceparent of the activity that wrote the event, so the consumer joins its trace.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>W3C tracestate that went with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; private set; }

    /// <summary>When the broker confirmed the publication; null while waiting.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Failed publication attempts.</summary>
    public int Attempts { get; private set; }

    /// <summary>The last failure, if any.</summary>
    public string? LastError { get; private set; }

    /// <summary>Set when the row can never be published (type unknown, payload unreadable); needs an operator.</summary>
    public DateTimeOffset? FailedAt { get; private set; }
}
