using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Grpc;

/// <summary>The contract's view of an agreement: its header, one edition, and the summaries of all editions.</summary>
internal static class AgreementView
{
    /// <remarks>
    /// The view shares the record's messages instead of copying them (an agreement is some hundred of them): a record
    /// is not changed after it was stored or cached, and the response is only serialized.
    /// </remarks>
    public static Agreement Of(AgreementAggregate aggregate, Edition edition)
    {
        var header = aggregate.Header;
        var view = new Agreement
        {
            Id = header.Id,
            Year = header.Year,
            LegalBasis = header.LegalBasis,
            State = header.State,
            DraftingPartyId = header.DraftingPartyId,
            DatedOn = header.DatedOn,
            PartiesAsOf = header.PartiesAsOf,
            FollowsAgreementId = header.FollowsAgreementId,
            Edition = edition,
            Released = header.Released,
            ReleasedOn = header.ReleasedOn,
            Version = header.Version,
            CreatedAt = header.CreatedAt,
            UpdatedAt = header.UpdatedAt,
        };
        view.Parties.AddRange(header.Parties);
        view.CommitteeNotices.AddRange(header.CommitteeNotices);
        view.Documents.AddRange(header.Documents);
        view.Dialogues.AddRange(header.Dialogues);
        view.Editions.AddRange(aggregate.Record.Editions.Select(e => new EditionSummary { Number = e.Number, Status = e.Status, InForceOn = e.InForceOn }));
        return view;
    }

    /// <summary>A listed agreement, from the columns of its row (no record is read for a list).</summary>
    public static AgreementSummary Summary(Infrastructure.AgreementRow row) => new()
    {
        Id = row.Id,
        Year = row.Year,
        LegalBasis = Tokens.LegalBasisOf(row.LegalBasis),
        State = row.State,
        Title = row.Title,
        Status = Tokens.StatusOf(row.Status),
        Edition = row.Edition,
        PartyIds = { row.Parties.Select(p => p.PartyId).Order(StringComparer.Ordinal) },
        Released = row.Released,
        Version = row.Version,
    };
}
