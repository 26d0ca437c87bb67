using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zielsteuerung.IntegrationEvents;

namespace Zielsteuerung.Messaging;

/// <summary>Enqueues integration events in the caller's unit of work.</summary>
public static class OutboxDbContextExtensions
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds <paramref name="integrationEvent"/> to the outbox of <paramref name="dbContext"/>. It is written by the
    /// next <c>SaveChangesAsync</c> (in the same transaction as the other changes) and published after the commit;
    /// if the transaction rolls back, it is never published. The current activity's trace context goes with it.
    /// </summary>
    public static OutboxMessage AddOutboxMessage<TEvent>(this DbContext dbContext, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = For(integrationEvent);
        dbContext.Set<OutboxMessage>().Add(message);
        return message;
    }

    /// <summary>The row of <paramref name="integrationEvent"/>, with the current activity's trace context.</summary>
    internal static OutboxMessage For(IntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        return new OutboxMessage(
            integrationEvent.EventId,
            TypeName(type),
            JsonSerializer.Serialize(integrationEvent, type, PayloadJson),
            integrationEvent.OccurredAt.ToUniversalTime(),
            activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            activity?.TraceStateString);
    }

    // Without the assembly version, so a new build still reads rows written by the previous one.
    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
