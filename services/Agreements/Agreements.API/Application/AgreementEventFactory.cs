using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.IntegrationEvents.Agreements;

namespace Agreements.API.Application;

/// <summary>The integration events of a write, published through the outbox in the write's transaction.</summary>
internal static class AgreementEventFactory
{
    public static IReadOnlyList<IntegrationEvent> For(AgreementAggregate aggregate, Change change, Actor actor)
    {
        var header = aggregate.Header;
        var edition = aggregate.Record.Editions[^1];
        T Stamp<T>(T e) where T : AgreementEvent => Stamped(e, aggregate, edition, change.EffectiveOn, actor.RecordedBy);

        AgreementTargetsChanged TargetsChanged() => Stamp(new AgreementTargetsChanged { Targets = TargetsOf(edition) });
        AgreementRevised Revised() => Stamp(new AgreementRevised { Changed = change.Changed });

        var events = new List<IntegrationEvent>();
        switch (change.Action)
        {
            case "create_draft":
                events.Add(Stamp(new AgreementDrafted { DraftingPartyId = header.DraftingPartyId, Title = edition.Content.Title }));
                events.Add(TargetsChanged());
                break;
            case "revise_draft":
                events.Add(Revised());
                if (change.Changed.Contains("content.goals"))
                {
                    events.Add(TargetsChanged());
                }

                break;
            case "request_local_goals":
                events.Add(Stamp(new LocalGoalsRequested { RequestedPartyId = edition.LocalGoals.PartyId, Deadline = Dates.Parse(edition.LocalGoals.Deadline) }));
                break;
            case "add_local_goals":
                events.Add(Stamp(new LocalGoalsAdded
                {
                    AddedByPartyId = actor.PartyId,
                    GoalIds = edition.Content.Goals.Where(g => g.Origin == GoalOrigin.Local && g.AddedByPartyId == actor.PartyId).Select(g => g.Id).ToList()
                }));
                events.Add(TargetsChanged());
                break;
            case "sign":
                var signature = edition.Signatures[^1];
                events.Add(Stamp(new AgreementSigned
                {
                    SignedByPartyId = signature.PartyId, Signatory = signature.Signatory, Place = signature.Place, Consent = signature.Consent,
                    AwaitingSignature = [.. edition.AwaitingSignature],
                }));
                if (edition.Status == AgreementStatus.InForce)
                {
                    var superseded = aggregate.Record.Editions.LastOrDefault(e => e.Status == AgreementStatus.Superseded && e.SupersededOn == edition.InForceOn);
                    events.Add(Stamp(new AgreementInForce { SupersedesEdition = superseded?.Number ?? 0, Targets = TargetsOf(edition) })
                        with { EffectiveOn = Dates.Parse(edition.InForceOn) });
                }

                break;
            case "return_unsigned":
                events.Add(Stamp(new AgreementReturned { ReturnedByPartyId = edition.Returned.PartyId, Reason = edition.Returned.Reason }));
                break;
            case "withdraw":
                events.Add(Stamp(new AgreementWithdrawn { Reason = edition.WithdrawalReason }));
                break;
            case "amend":
                events.Add(Stamp(new AgreementAmended { AmendsEdition = aggregate.InForce?.Number ?? 0, Reason = edition.AmendmentReason }));
                events.Add(TargetsChanged());
                break;
            case "close":
                var closed = aggregate.Record.Editions.Last(e => e.Status == AgreementStatus.Closed);
                events.Add(Stamp(new AgreementClosed ()) with { Edition = closed.Number, Status = Tokens.Of(AgreementStatus.Closed) });
                break;
            case "record_dialogue":
                var dialogue = header.Dialogues.Single(d => d.Id == change.Note);
                events.Add(Stamp(new DialogueHeld { DialogueId = dialogue.Id, Kind = dialogue.Kind.ToString() }));
                break;
            default:
                events.Add(Revised());
                break;
        }

        return events;
    }

    /// <summary>
    /// <paramref name="e"/> with the agreement's common facts every event carries: id, year, basis, state, parties,
    /// version, and the edition's number and status.
    /// </summary>
    public static T Stamped<T>(T e, AgreementAggregate aggregate, Edition edition, DateOnly effectiveOn, string recordedBy) where T : AgreementEvent => e with
    {
        AgreementId = aggregate.Id,
        Year = aggregate.Header.Year,
        LegalBasis = Tokens.Of(aggregate.Header.LegalBasis),
        State = aggregate.Header.State,
        Edition = edition.Number,
        Status = Tokens.Of(edition.Status),
        PartyIds = aggregate.PartyIds,
        Version = aggregate.Header.Version,
        EffectiveOn = effectiveOn,
        RecordedBy = recordedBy,
    };

    /// <summary>The typed targets of an edition, as consumers evaluate them.</summary>
    public static IReadOnlyList<AgreedTarget> TargetsOf(Edition edition) =>
        [.. from goal in edition.Content.Goals
            from target in goal.Targets
            select new AgreedTarget(
                goal.Id,
                target.Id,
                target.Indicator.KindCase == Indicator.KindOneofCase.KeyFigure ? target.Indicator.KeyFigure.Id : "custom:" + target.Indicator.Custom.Id,
                target.Indicator.KindCase == Indicator.KindOneofCase.KeyFigure ? Snake(target.Indicator.KeyFigure.Part.ToString()) : "",
                Snake(target.Measure.ToString()),
                Snake(target.Comparison.ToString()),
                Snake(target.Direction.ToString()),
                ContentRules.TryParseValue(target.Value, out var value) ? value : 0m,
                Snake(target.DataBasis.ToString()),
                target.Scope.KindCase == Scope.KindOneofCase.JobcenterId ? target.Scope.JobcenterId : "",
                target.Scope.KindCase == Scope.KindOneofCase.Group ? Snake(target.Scope.Group.Kind.ToString()) : "",
                target.Scope.KindCase == Scope.KindOneofCase.Group ? target.Scope.Group.State : "",
                target.Scope.KindCase == Scope.KindOneofCase.Group
                    ? Snake((target.Scope.Group.Aggregation == Aggregation.Unspecified ? Aggregation.Pooled : target.Scope.Group.Aggregation).ToString())
                    : "",
                Snake((target.Sex == Sex.Unspecified ? Sex.Total : target.Sex).ToString()))];

    /// <summary>InForce → "in_force", T0 → "t0".</summary>
    private static string Snake(string pascal) => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
