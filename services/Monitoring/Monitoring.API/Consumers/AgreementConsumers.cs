using MassTransit;
using Monitoring.API.Evaluation;
using Monitoring.API.Following;
using Zielsteuerung.IntegrationEvents.Agreements;

namespace Monitoring.API.Consumers;

/// <summary>An edition came into force (a new agreement, or an amendment superseding the one before): follow it.</summary>
internal sealed class AgreementInForceConsumer(AgreementFollower follower) : IConsumer<AgreementInForce>
{
    public Task Consume(ConsumeContext<AgreementInForce> context) => follower.FollowAsync(context.Message.EventId, nameof(AgreementInForce),
        context.Message.AgreementId, context.Message.Edition, $"agreement in force on {context.Message.EffectiveOn:yyyy-MM-dd}", context.CancellationToken);
}

/// <summary>A dialogue was held: its written assessments are what the qualitative goals carry.</summary>
internal sealed class DialogueHeldConsumer(AgreementFollower follower) : IConsumer<DialogueHeld>
{
    public Task Consume(ConsumeContext<DialogueHeld> context) => follower.RefreshAsync(context.Message.EventId, nameof(DialogueHeld),
        context.Message.AgreementId, $"dialogue {context.Message.DialogueId} held", context.CancellationToken);
}

/// <summary>A withdrawn agreement is no longer followed.</summary>
internal sealed class AgreementWithdrawnConsumer(AttainmentWriter writer) : IConsumer<AgreementWithdrawn>
{
    public Task Consume(ConsumeContext<AgreementWithdrawn> context) => writer.SetAgreementStatusAsync(context.Message.EventId, nameof(AgreementWithdrawn),
        context.Message.AgreementId, context.Message.Status, context.Message.Version, stopFollowing: true, context.CancellationToken);
}

/// <summary>
/// A closed agreement keeps its final attainment; an amendment being negotiated leaves the edition in force followed
/// until the amendment comes into force (then <see cref="AgreementInForce"/> names the edition it supersedes).
/// </summary>
internal sealed class AgreementStatusConsumer(AttainmentWriter writer) : IConsumer<AgreementClosed>, IConsumer<AgreementAmended>
{
    public Task Consume(ConsumeContext<AgreementClosed> context) => writer.SetAgreementStatusAsync(context.Message.EventId, nameof(AgreementClosed),
        context.Message.AgreementId, context.Message.Status, context.Message.Version, stopFollowing: false, context.CancellationToken);

    public Task Consume(ConsumeContext<AgreementAmended> context) => writer.IgnoreAsync(context.Message.EventId, nameof(AgreementAmended),
        context.CancellationToken);
}
