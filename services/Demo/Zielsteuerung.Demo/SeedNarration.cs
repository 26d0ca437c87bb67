using Agreements.Seeds;
using Zielsteuerung.Agreements.V1;

namespace Zielsteuerung.Demo;

/// <summary>
/// A seed's replay in words, for the progress line: "Borken 2018: drafted, negotiation opened, document attached,
/// signed by Kreis Borken, signed by MAGS NRW — in force since 2018-02-22". Parties are named as the agreement shows
/// them (the registry as of its date: MAIS NRW in 2016).
/// </summary>
internal static class SeedNarration
{
    public static string Written(Agreement agreement, SeedStep? step) => step switch
    {
        null => "drafted",
        OpenNegotiationStep => "negotiation opened",
        RequestLocalGoalsStep request => $"local goals requested from {PartyName(agreement, request.RequestedPartyId)}",
        AddLocalGoalsStep add => $"local goals added by {PartyName(agreement, add.PartyId)}",
        AttachDocumentStep => "document attached",
        SignStep sign => $"signed by {PartyName(agreement, sign.PartyId)}",
        ReturnUnsignedStep returned => $"returned unsigned by {PartyName(agreement, returned.PartyId)}",
        CommitteeNoticeStep notice => $"committee notice of {PartyName(agreement, notice.Notice.PartyId)}",
        _ => step.GetType().Name,
    };

    public static string Status(Agreement agreement) => agreement.Edition.Status switch
    {
        AgreementStatus.InForce => $"in force since {agreement.Edition.InForceOn}",
        AgreementStatus.Returned => $"returned unsigned on {agreement.Edition.Returned.ReturnedOn}",
        AgreementStatus.Negotiation => "in negotiation",
        AgreementStatus.Signing => $"awaiting the signature of {string.Join(", ", agreement.Edition.AwaitingSignature.Select(id => PartyName(agreement, id)))}",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string PartyName(Agreement agreement, string partyId) =>
        agreement.Parties.FirstOrDefault(p => p.PartyId == partyId) is { } party
            ? party.ShortName.Length > 0 ? party.ShortName : party.Name
            : partyId;
}
