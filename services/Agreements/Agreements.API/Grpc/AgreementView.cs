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

    public static AgreementSummary Summary(AgreementAggregate aggregate)
    {
        var current = aggregate.Current;
        return new AgreementSummary
        {
            Id = aggregate.Id,
            Year = aggregate.Header.Year,
            LegalBasis = aggregate.Header.LegalBasis,
            State = aggregate.Header.State,
            Title = current.Content.Title,
            Status = current.Status,
            Edition = current.Number,
            PartyIds = { aggregate.PartyIds },
            Released = aggregate.Header.Released,
            Version = aggregate.Header.Version,
        };
    }
}
