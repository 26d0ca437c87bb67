using Google.Protobuf;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Seeds;

/// <summary>
/// One write of a seed agreement's life after its draft, by the development client that makes it. The development
/// clients act for the party of the same id (client "kt-05554" acts for party kt-05554), so <see cref="ClientId"/> is
/// also the acting party. Each step builds its contract request for a given agreement id and expected version, so the
/// integration tests can replay a seed through the gRPC API and the domain tests through the aggregate.
/// </summary>
internal abstract record SeedStep(string ClientId)
{
    public string PartyId => ClientId;
}

internal sealed record OpenNegotiationStep(string ClientId) : SeedStep(ClientId)
{
    public OpenNegotiationRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion };
}

internal sealed record RequestLocalGoalsStep(string ClientId, string RequestedPartyId, string RequestedOn, string Deadline) : SeedStep(ClientId)
{
    public RequestLocalGoalsRequest Request(string agreementId, long expectedVersion) => new()
    {
        AgreementId = agreementId,
        ExpectedVersion = expectedVersion,
        PartyId = RequestedPartyId,
        RequestedOn = RequestedOn,
        Deadline = Deadline,
    };
}

internal sealed record AddLocalGoalsStep(string ClientId, IReadOnlyList<Goal> Goals, string AddedOn) : SeedStep(ClientId)
{
    public AddLocalGoalsRequest Request(string agreementId, long expectedVersion)
    {
        var request = new AddLocalGoalsRequest { AgreementId = agreementId, ExpectedVersion = expectedVersion, AddedOn = AddedOn };
        request.Goals.AddRange(Goals.Select(g => g.Clone()));
        return request;
    }
}

internal sealed record AttachDocumentStep(string ClientId, string Title, string MediaType, bool PartOfAgreement, string Content) : SeedStep(ClientId)
{
    public byte[] Bytes => System.Text.Encoding.UTF8.GetBytes(Content);

    public AttachDocumentRequest Request(string agreementId, long expectedVersion) => new()
    {
        AgreementId = agreementId,
        ExpectedVersion = expectedVersion,
        Title = Title,
        MediaType = MediaType,
        PartOfAgreement = PartOfAgreement,
        Content = ByteString.CopyFrom(Bytes),
    };
}

internal sealed record SignStep(string ClientId, string Signatory, string SignatoryRole, string Place, string SignedOn) : SeedStep(ClientId)
{
    public SignRequest Request(string agreementId, long expectedVersion) => new()
    {
        AgreementId = agreementId,
        ExpectedVersion = expectedVersion,
        Signatory = Signatory,
        SignatoryRole = SignatoryRole,
        Place = Place,
        SignedOn = SignedOn,
    };

    /// <summary>The signature as the aggregate takes it (party and consent are set from the actor).</summary>
    public Signature Signature() => new() { Signatory = Signatory, SignatoryRole = SignatoryRole, Place = Place, SignedOn = SignedOn };
}

internal sealed record ReturnUnsignedStep(string ClientId, string ReturnedOn, string Reason) : SeedStep(ClientId)
{
    public ReturnUnsignedRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion, ReturnedOn = ReturnedOn, Reason = Reason };
}

internal sealed record CommitteeNoticeStep(string ClientId, CommitteeNotice Notice) : SeedStep(ClientId)
{
    public RecordCommitteeNoticeRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion, Notice = Notice.Clone() };
}

/// <summary>
/// A seed agreement: its draft (as <see cref="CreateDraftRequest"/> without an agreement id) and the later steps in
/// the order they happened, with the outcome the seed document records.
/// </summary>
internal sealed class SeedAgreement(
    string name,
    string draftingClientId,
    Func<CreateDraftRequest> draft,
    IReadOnlyList<SeedStep> steps,
    AgreementStatus expectedStatus,
    string expectedInForceOn = "")
{
    public string Name { get; } = name;

    /// <summary>The development client that creates the draft (it acts for the drafting party).</summary>
    public string DraftingClientId { get; } = draftingClientId;

    /// <summary>A fresh copy on every read: tests may change it.</summary>
    public CreateDraftRequest Draft => draft();

    public IReadOnlyList<SeedStep> Steps { get; } = steps;

    public IEnumerable<SignStep> Signatures => Steps.OfType<SignStep>();

    /// <summary>The status of edition 1 after all steps.</summary>
    public AgreementStatus ExpectedStatus { get; } = expectedStatus;

    public string ExpectedInForceOn { get; } = expectedInForceOn;

    public override string ToString() => Name;
}
