using MassTransit;
using Zielsteuerung.IntegrationEvents.Monitoring;

namespace Monitoring.API.Watch;

/// <summary>
/// Every replica's own temporary queue gets every <see cref="TargetStatusChanged"/> (whichever replica committed it)
/// and rings its feed; the event itself is not forwarded, the feed reads the database.
/// </summary>
internal sealed class StatusChangeDoorbell(ChangeFeed feed) : IConsumer<TargetStatusChanged>
{
    public Task Consume(ConsumeContext<TargetStatusChanged> context)
    {
        feed.Ring();
        return Task.CompletedTask;
    }
}
