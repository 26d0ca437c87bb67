using Google.Protobuf;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Seeds;

/// <summary>
/// One write of a seed agreement's life after its draft, by the development client that makes it. The development
/// clients act for the party of the same id (client "kt-05554" acts for party kt-05554), so <see cref="ClientId"/> is
/// also the acting party. Each step builds its contract request for a given agreement id and expected version, so the
/// integration tests and the demo loader can replay a seed through the gRPC API (<see cref="GrpcSeedReplay"/>) and the
/// domain tests through the aggregate.
/// </summary>
public abstract record SeedStep(string ClientId)
{
    public string PartyId => ClientId;
}

public sealed record OpenNegotiationStep(string ClientId) : SeedStep(ClientId)
{
    public OpenNegotiationRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion };
}

public sealed record RequestLocalGoalsStep(string ClientId, string RequestedPartyId, string RequestedOn, string Deadline) : SeedStep(ClientId)
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

public sealed record AddLocalGoalsStep(string ClientId, IReadOnlyList<Goal> Goals, string AddedOn) : SeedStep(ClientId)
{
    public AddLocalGoalsRequest Request(string agreementId, long expectedVersion)
    {
        var request = new AddLocalGoalsRequest { AgreementId = agreementId, ExpectedVersion = expectedVersion, AddedOn = AddedOn };
        request.Goals.AddRange(Goals.Select(g => g.Clone()));
        return request;
    }
}

public sealed record AttachDocumentStep(string ClientId, string Title, string MediaType, bool PartOfAgreement, string Content) : SeedStep(ClientId)
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

public sealed record SignStep(string ClientId, string Signatory, string SignatoryRole, string Place, string SignedOn) : SeedStep(ClientId)
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

public sealed record ReturnUnsignedStep(string ClientId, string ReturnedOn, string Reason) : SeedStep(ClientId)
{
    public ReturnUnsignedRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion, ReturnedOn = ReturnedOn, Reason = Reason };
}

public sealed record CommitteeNoticeStep(string ClientId, CommitteeNotice Notice) : SeedStep(ClientId)
{
    public RecordCommitteeNoticeRequest Request(string agreementId, long expectedVersion) =>
        new() { AgreementId = agreementId, ExpectedVersion = expectedVersion, Notice = Notice.Clone() };
}
