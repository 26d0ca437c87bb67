using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Seeds;

/// <summary>Replays a seed through the domain's aggregate, as the service would after its checks.</summary>
internal static class SeedReplay
{
    /// <summary>The clock of the replays: business dates lie in the past, records are written "now".</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>A development client acts for the party of the same id.</summary>
    public static Actor Actor(string clientId) => new(clientId, clientId, $"{clientId} ({clientId})");

    public static AgreementAggregate Draft(SeedAgreement seed, string id = "zv-seed-0001") => Draft(seed.Draft, seed.DraftingClientId, id);

    public static AgreementAggregate Draft(CreateDraftRequest draft, string draftingParty, string id = "zv-seed-0001") => AgreementAggregate.Draft(
        id,
        draft.Year,
        draft.LegalBasis,
        LegalBasisRules.StateOf(draft.Parties.Select(p => SeedParties.Of(p.PartyId, draft.Year))),
        draft.Parties.Select(p => SeedParties.Registered(p, draft.Year)),
        draftingParty,
        Dates.Parse(draft.DatedOn),
        draft.FollowsAgreementId,
        draft.Content,
        Now);

    /// <summary>The seed's draft and its first <paramref name="steps"/> steps (all by default).</summary>
    public static AgreementAggregate Replay(SeedAgreement seed, int? steps = null)
    {
        var aggregate = Draft(seed);
        foreach (var step in seed.Steps.Take(steps ?? seed.Steps.Count))
        {
            Apply(aggregate, step);
        }

        return aggregate;
    }

    public static void Apply(AgreementAggregate aggregate, SeedStep step)
    {
        var actor = Actor(step.ClientId);
        switch (step)
        {
            case OpenNegotiationStep:
                aggregate.OpenNegotiation(actor, Today);
                break;
            case RequestLocalGoalsStep request:
                aggregate.RequestLocalGoals(request.RequestedPartyId, Dates.Parse(request.RequestedOn), Dates.Parse(request.Deadline), actor);
                break;
            case AddLocalGoalsStep add:
                aggregate.AddLocalGoals(add.Goals, Dates.Parse(add.AddedOn), actor);
                break;
            case AttachDocumentStep document:
                var bytes = document.Bytes;
                aggregate.AttachDocument(document.Title, document.MediaType, document.PartOfAgreement, bytes.Length,
                    Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), actor, Today);
                break;
            case SignStep sign:
                aggregate.Sign(sign.Signature(), actor);
                break;
            case ReturnUnsignedStep returned:
                aggregate.ReturnUnsigned(Dates.Parse(returned.ReturnedOn), returned.Reason, actor);
                break;
            case CommitteeNoticeStep notice:
                aggregate.RecordCommitteeNotice(notice.Notice.Clone(), actor);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "unknown seed step");
        }
    }

    /// <summary>The agreement as a read returns it: the header with the given edition (the current one by default).</summary>
    public static Agreement View(AgreementAggregate aggregate, Edition? edition = null)
    {
        var view = aggregate.Header.Clone();
        view.Edition = (edition ?? aggregate.Current).Clone();
        view.Editions.AddRange(aggregate.Record.Editions.Select(e => new EditionSummary { Number = e.Number, Status = e.Status, InForceOn = e.InForceOn }));
        return view;
    }
}
