using Agreements.API.Grpc;
using Agreements.Tests.Seeds;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Contract;

public sealed class AgreementViewTests
{
    [Fact]
    public void The_view_carries_every_field_of_the_agreement_and_the_edition_asked_for()
    {
        var aggregate = SeedReplay.Replay(SeedAgreements.Borken2018);
        aggregate.Header.Released = true;
        aggregate.Header.ReleasedOn = "2018-03-01";
        aggregate.Header.CommitteeNotices.Add(new CommitteeNotice { PartyId = "kt-05554", Committee = "Kreisausschuss", NoticedOn = "2018-03-05" });
        var edition = aggregate.Current;

        var view = AgreementView.Of(aggregate, edition);

        // Every field of Agreement but those the view derives: a field added to the contract and forgotten here fails.
        var expected = aggregate.Header.Clone();
        expected.Edition = edition.Clone();
        expected.Editions.AddRange(aggregate.Record.Editions.Select(e => new EditionSummary { Number = e.Number, Status = e.Status, InForceOn = e.InForceOn }));
        Assert.Equal(expected, view);
        Assert.All(Agreement.Descriptor.Fields.InFieldNumberOrder(), field => Assert.Equal(field.Accessor.GetValue(expected), field.Accessor.GetValue(view)));
    }
}
