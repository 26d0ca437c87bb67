using MassTransit;
using Monitoring.API.Following;
using Zielsteuerung.IntegrationEvents.Parties;

namespace Monitoring.API.Consumers;

/// <summary>
/// A party changed (a jobcenter's form, a merger, an end): the lines about it and every group line, whose members are
/// taken from the registry, are recomputed.
/// </summary>
internal sealed class PartyChangedConsumer(AgreementFollower follower) : IConsumer<PartyChanged>
{
    public Task Consume(ConsumeContext<PartyChanged> context)
    {
        var party = context.Message.PartyId;
        return follower.RecomputeAsync(context.Message.EventId, nameof(PartyChanged),
            targets => targets.Where(t => t.InputCodes.Length > 0 && (t.JobcenterId == party || t.JobcenterId == null)),
            kpiSequence: null, $"party {party} changed", context.CancellationToken);
    }
}
