using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>Who may do what: tokens, scopes, and the caller's party against the agreement's parties and roles.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class AccessTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task Every_method_refuses_a_call_without_a_token()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => fixture.Anonymous.ListAgreementsAsync(new ListAgreementsRequest()));
        Refusals.Denied(status, "TOKEN_MISSING");
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.Anonymous.CreateDraftAsync(Drafts.Borken()));
    }

    [Fact]
    public async Task Drafting_needs_agreements_write_and_signing_agreements_sign()
    {
        var readOnly = await fixture.WithScopes("mags-nrw", "agreements.read");
        var draftStatus = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => readOnly.CreateDraftAsync(Drafts.Borken()));
        Refusals.Denied(draftStatus, "MISSING_SCOPE");

        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(Drafts.Borken());
        var writeOnly = await fixture.WithScopes("kt-05554", "agreements.write");
        var signStatus = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => writeOnly.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29",
        }));
        Assert.Contains("agreements.sign", signStatus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_drafts_only_agreements_it_is_a_party_of()
    {
        var unna = await fixture.As("kt-05978");
        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => unna.CreateDraftAsync(Drafts.Borken()));
        Refusals.Denied(status, "WRONG_PARTY");
    }

    [Fact]
    public async Task Only_a_party_of_the_agreement_signs_and_only_a_signatory_among_them()
    {
        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(Drafts.Borken());
        var sign = new SignRequest { AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Jemand", Place = "Unna", SignedOn = "2018-01-29" };

        var stranger = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => fixture.As("kt-05978").Result.SignAsync(sign));
        Refusals.Denied(stranger, "WRONG_PARTY");
        Assert.Contains("kt-05554", stranger.Message, StringComparison.Ordinal);

        // A party named without signing (role concerned) may not sign either.
        var multilateral = await (await fixture.As("mags-nrw")).CreateDraftAsync(new CreateDraftRequest
        {
            AgreementId = Drafts.NewId("test-neuss"),
            Year = 2013,
            LegalBasis = LegalBasis.Multilateral,
            DatedOn = "2013-03-01",
            Parties =
            {
                new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory },
                new AgreementParty { PartyId = "kt-05162", Role = PartyRole.Signatory },
                new AgreementParty { PartyId = "jc-05162", Role = PartyRole.Concerned },
            },
            Content = Drafts.Content("Gemeinsame Vereinbarung zur Erreichung der Ziele im SGB II in 2013"),
        });
        var concerned = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => fixture.As("jc-05162").Result.SignAsync(new SignRequest
        {
            AgreementId = multilateral.Id, ExpectedVersion = 1, Signatory = "Geschäftsführung", Place = "Neuss", SignedOn = "2013-06-01",
        }));
        Refusals.Denied(concerned, "NOT_A_SIGNATORY");

        var stored = await (await fixture.As("mags-nrw")).GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });
        Assert.Empty(stored.Edition.Signatures);
    }

    [Fact]
    public async Task Only_the_drafting_party_edits_a_draft()
    {
        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(Drafts.Borken());
        var borken = await fixture.As("kt-05554");

        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => borken.ReviseDraftAsync(new ReviseDraftRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Content = Drafts.Content("Vom Kreis umgeschrieben"),
        }));

        Refusals.Denied(status, "NOT_THE_DRAFTING_PARTY");
    }

    [Fact]
    public async Task Parties_read_their_agreements_and_everyone_reads_released_ones()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        var unna = await fixture.As("kt-05978");

        var hidden = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => unna.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id }));
        Refusals.Denied(hidden, "WRONG_PARTY");
        var listed = await unna.ListAgreementsAsync(new ListAgreementsRequest { Year = 2018, PartyId = "kt-05554", PageSize = 200 });
        Assert.DoesNotContain(listed.Agreements, a => a.Id == draft.Id);

        await mags.SetPublicationAsync(new SetPublicationRequest { AgreementId = draft.Id, ExpectedVersion = 1, Released = true });

        Assert.Equal(draft.Id, (await unna.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id })).Id);
        var released = await unna.ListAgreementsAsync(new ListAgreementsRequest { Year = 2018, PartyId = "kt-05554", ReleasedOnly = true, PageSize = 200 });
        Assert.Contains(released.Agreements, a => a.Id == draft.Id);
    }

    [Fact]
    public async Task Every_change_records_the_caller_from_the_token()
    {
        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(Drafts.Borken());
        await (await fixture.As("kt-05554")).SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29",
        });

        var revisions = await (await fixture.As("mags-nrw")).ListRevisionsAsync(new ListRevisionsRequest { AgreementId = draft.Id });

        Assert.Equal(
            [("create_draft", "mags-nrw", "mags-nrw"), ("sign", "kt-05554", "kt-05554")],
            revisions.Revisions.Select(r => (r.Action, r.ClientId, r.PartyId)).ToArray());
    }
}
