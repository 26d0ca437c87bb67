using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>Drafting, signing and the refused transitions through the gRPC API.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class LifecycleTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task A_draft_takes_its_parties_from_the_registry_as_of_its_date_and_is_in_force_when_the_last_party_signed()
    {
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());

        Assert.Equal((AgreementStatus.Draft, 1L, "mags-nrw", "DE-NW"), (draft.Edition.Status, draft.Version, draft.DraftingPartyId, draft.State));
        Assert.Equal("zkT", draft.Parties.Single(p => p.PartyId == "kt-05554").JobcenterForm);
        Assert.StartsWith("Ministerium für Arbeit, Gesundheit und Soziales", draft.Parties.Single(p => p.PartyId == "mags-nrw").Name);

        var signed = await borken.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", SignatoryRole = "Landrat", Place = "Borken", SignedOn = "2018-01-29",
        });
        Assert.Equal((AgreementStatus.Signing, "mags-nrw"), (signed.Edition.Status, string.Join(",", signed.Edition.AwaitingSignature)));

        var inForce = await mags.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, Signatory = "Dr. Edmund Heller", SignatoryRole = "Staatssekretär", Place = "Düsseldorf", SignedOn = "2018-02-22",
        });
        Assert.Equal((AgreementStatus.InForce, "2018-02-22", 3L), (inForce.Edition.Status, inForce.Edition.InForceOn, inForce.Version));
        Assert.Equal("kt-05554 (kt-05554)", inForce.Edition.Signatures.Single(s => s.PartyId == "kt-05554").RecordedBy);

        var published = await fixture.Events.WaitForAsync<AgreementInForce>(e => e.AgreementId == draft.Id);
        Assert.Equal((new DateOnly(2018, 2, 22), "sgb2_48b_nr4", "K2"), (published.EffectiveOn, published.LegalBasis, published.Targets.Single().Indicator));
    }

    [Fact]
    public async Task An_agreement_of_2012_shows_MAIS_not_MAGS()
    {
        var mags = await fixture.As("mags-nrw");
        var request = Drafts.Borken(2012, "2012-01-10");
        var draft = await mags.CreateDraftAsync(request);

        Assert.StartsWith("Ministerium für Arbeit, Integration und Soziales", draft.Parties.Single(p => p.PartyId == "mags-nrw").Name);
    }

    [Fact]
    public async Task Signing_twice_editing_a_signed_edition_and_signing_after_the_year_are_refused()
    {
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());

        var late = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => borken.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2019-01-03",
        }));
        Refusals.Precondition(late, "lifecycle.sign_after_year", "signed_on");

        await borken.SignAsync(new SignRequest { AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29" });
        var twice = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => borken.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-30",
        }));
        Refusals.Precondition(twice, "lifecycle.sign_twice", "kt-05554");

        var edit = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => mags.ReviseDraftAsync(new ReviseDraftRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, Content = Drafts.Content("Geänderter Titel"),
        }));
        Refusals.Precondition(edit, "lifecycle.signed_content", draft.Id);

        var stored = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });
        Assert.Equal((2L, draft.Edition.Content.Title), (stored.Version, stored.Edition.Content.Title));
    }

    [Fact]
    public async Task A_retried_create_with_its_own_id_is_already_exists_and_changes_nothing()
    {
        var mags = await fixture.As("mags-nrw");
        var request = Drafts.Borken();
        var first = await mags.CreateDraftAsync(request);
        request.Content.Title = "Zweiter Versuch";

        var status = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => mags.CreateDraftAsync(request));

        Assert.Equal(request.AgreementId, status.Detail<Google.Rpc.ResourceInfo>().ResourceName);
        var stored = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = first.Id });
        Assert.Equal((1L, first.Edition.Content.Title), (stored.Version, stored.Edition.Content.Title));
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_naming_the_current_one()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await mags.ReviseDraftAsync(new ReviseDraftRequest { AgreementId = draft.Id, ExpectedVersion = 1, Content = Drafts.Content("Erste Fassung") });

        var stale = await RpcAssert.FailsAsync(StatusCode.Aborted, () => mags.ReviseDraftAsync(new ReviseDraftRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Content = Drafts.Content("Zweite Fassung, auf alter Grundlage"),
        }));

        Assert.Contains("version 2", stale.Message, StringComparison.Ordinal);
        Assert.Equal("2", stale.Detail<Google.Rpc.ErrorInfo>().Metadata["current_version"]);
        var stored = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });
        Assert.Equal("Erste Fassung", stored.Edition.Content.Title);
    }

    [Fact]
    public async Task Concurrent_revisions_of_one_version_let_exactly_one_win()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());

        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await mags.ReviseDraftAsync(new ReviseDraftRequest { AgreementId = draft.Id, ExpectedVersion = 1, Content = Drafts.Content($"Fassung {i}") });
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o));
        var revisions = await mags.ListRevisionsAsync(new ListRevisionsRequest { AgreementId = draft.Id });
        Assert.Equal(new long[] { 1, 2 }, revisions.Revisions.Select(r => r.Version).ToArray());
    }
}
