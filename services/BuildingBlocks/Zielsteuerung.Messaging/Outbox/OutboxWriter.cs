using Npgsql;
using NpgsqlTypes;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.Messaging.Outbox;

namespace Zielsteuerung.Messaging;

/// <summary>
/// The outbox for writes in a service's own SQL instead of EF Core's SaveChanges: <see cref="InsertSql"/> inserts the
/// events that <see cref="AddParameters"/> passes, inside the caller's statement or transaction, and
/// <see cref="Committed"/> wakes the relay once that commit succeeded (as the SaveChanges interceptor does for
/// <see cref="OutboxDbContextExtensions.AddOutboxMessage{TEvent}"/>). Registered by <c>AddOutbox</c>.
/// </summary>
public sealed class OutboxWriter
{
    private readonly OutboxSignal _signal;

    internal OutboxWriter(OutboxSignal signal) => _signal = signal;

    /// <summary>
    /// <c>INSERT INTO outbox_messages … SELECT … FROM unnest(…)</c> of the six parameters from <c>$<paramref name="first"/></c>
    /// on, as <see cref="AddParameters"/> appends them; with <paramref name="condition"/> (SQL) only when it holds. The text
    /// does not depend on the number of events, so the statement around it can be prepared once.
    /// </summary>
    public static string InsertSql(int first, string? condition = null) =>
        "INSERT INTO outbox_messages (id, message_type, payload, occurred_at, trace_parent, trace_state) "
        + $"SELECT * FROM unnest(${first}::uuid[], ${first + 1}::text[], ${first + 2}::jsonb[], ${first + 3}::timestamptz[], ${first + 4}::text[], ${first + 5}::text[])"
        + (condition is null ? "" : $" WHERE {condition}");

    /// <summary>Appends the six array parameters of <see cref="InsertSql"/> for <paramref name="events"/> (the current activity's trace context goes with them).</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyCollection<IntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(events);
        var rows = events.Select(OutboxDbContextExtensions.For).ToList();
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.Id)] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.MessageType)] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Payload)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.OccurredAt)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.TraceParent)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.TraceState)] });
    }

    /// <summary>After the commit that inserted rows: the relay publishes them now rather than at its next poll.</summary>
    public void Committed() => _signal.Notify();
}
