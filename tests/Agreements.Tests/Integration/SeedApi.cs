using Agreements.Tests.Seeds;
using Google.Protobuf;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Integration;

/// <summary>Replays a seed situation through the gRPC API, each step as the development client of its party.</summary>
internal static class SeedApi
{
    public static async Task<Agreement> ReplayAsync(AgreementsFixture fixture, SeedAgreement seed)
    {
        var agreement = await (await fixture.As(seed.DraftingClientId)).CreateDraftAsync(seed.Draft);
        foreach (var step in seed.Steps)
        {
            var client = await fixture.As(step.ClientId);
            var (id, version) = (agreement.Id, agreement.Version);
            agreement = step switch
            {
                OpenNegotiationStep open => await client.OpenNegotiationAsync(open.Request(id, version)),
                RequestLocalGoalsStep request => await client.RequestLocalGoalsAsync(request.Request(id, version)),
                AddLocalGoalsStep add => await client.AddLocalGoalsAsync(add.Request(id, version)),
                AttachDocumentStep document => await client.AttachDocumentAsync(document.Request(id, version)),
                SignStep sign => await client.SignAsync(sign.Request(id, version)),
                ReturnUnsignedStep returned => await client.ReturnUnsignedAsync(returned.Request(id, version)),
                CommitteeNoticeStep notice => await client.RecordCommitteeNoticeAsync(notice.Request(id, version)),
                _ => throw new ArgumentOutOfRangeException(nameof(seed), step, "unknown seed step"),
            };
        }

        return agreement;
    }

    /// <summary>The goals as the request stated them: without what the service adds (origin, added by).</summary>
    public static IEnumerable<string> AsStated(IEnumerable<Goal> goals) => goals.Select(goal =>
    {
        var copy = goal.Clone();
        copy.Origin = GoalOrigin.Unspecified;
        copy.AddedByPartyId = "";
        return JsonFormatter.Default.Format(copy);
    });
}
