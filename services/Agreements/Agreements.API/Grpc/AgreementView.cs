using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Grpc;

/// <summary>The contract's view of an agreement: its header, one edition, and the summaries of all editions.</summary>
internal static class AgreementView
{
    public static Agreement Of(AgreementAggregate aggregate, Edition edition)
    {
        var view = aggregate.Header.Clone();
        view.Edition = edition.Clone();
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
