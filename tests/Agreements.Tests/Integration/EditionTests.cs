using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>Amendments, returns, withdrawals, closing, and reading an agreement as it stood on a date.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class EditionTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task An_amendment_is_a_new_edition_signed_again_and_the_signed_one_stays_readable()
    {
        var inForce = await Steps.InForceAsync(fixture);
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var amended = Drafts.Content();
        amended.Goals[0].Targets[0].Value = "0.5";
        amended.Goals[0].Targets[0].Label = "K2 = +0,5 %";

        var draft = await mags.AmendAsync(new AmendRequest { AgreementId = inForce.Id, ExpectedVersion = inForce.Version, Content = amended, Reason = "Nachsteuerung nach dem Halbjahresdialog" });
        Assert.Equal((2, AgreementStatus.Draft), (draft.Edition.Number, draft.Edition.Status));
        Assert.Equal([AgreementStatus.InForce, AgreementStatus.Draft], draft.Editions.Select(e => e.Status).ToArray());

        await borken.SignAsync(new SignRequest { AgreementId = inForce.Id, ExpectedVersion = draft.Version, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-07-02" });
        var second = await mags.SignAsync(new SignRequest { AgreementId = inForce.Id, ExpectedVersion = draft.Version + 1, Signatory = "Dr. Edmund Heller", Place = "Düsseldorf", SignedOn = "2018-07-10" });

        Assert.Equal((2, AgreementStatus.InForce, "2018-07-10"), (second.Edition.Number, second.Edition.Status, second.Edition.InForceOn));
        var first = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = inForce.Id, Edition = 1 });
        Assert.Equal((AgreementStatus.Superseded, "0.0", "2018-07-10"), (first.Edition.Status, first.Edition.Content.Goals[0].Targets[0].Value, first.Edition.SupersededOn));
        var published = await fixture.Events.WaitForAsync<AgreementInForce>(e => e.AgreementId == inForce.Id && e.Edition == 2);
        Assert.Equal((1, 0.5m), (published.SupersedesEdition, published.Targets.Single().Value));
    }

    [Fact]
    public async Task An_amendment_returned_unsigned_leaves_the_edition_in_force_current_and_its_revision_names_the_returned_edition()
    {
        var inForce = await Steps.InForceAsync(fixture);
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.AmendAsync(new AmendRequest { AgreementId = inForce.Id, ExpectedVersion = inForce.Version, Content = Drafts.Content(), Reason = "Nachsteuerung" });
        var signing = await borken.SignAsync(new SignRequest { AgreementId = inForce.Id, ExpectedVersion = draft.Version, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-07-02" });

        var returned = await mags.ReturnUnsignedAsync(new ReturnUnsignedRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = signing.Version, ReturnedOn = "2018-07-05", Reason = "Nicht mit dem BMAS abgestimmt",
        });

        Assert.Equal((1, AgreementStatus.InForce), (returned.Edition.Number, returned.Edition.Status));
        Assert.Equal([AgreementStatus.InForce, AgreementStatus.Returned], returned.Editions.Select(e => e.Status).ToArray());
        var revisions = await mags.ListRevisionsAsync(new ListRevisionsRequest { AgreementId = inForce.Id });
        Assert.Equal(("return_unsigned", 2, returned.Version), (revisions.Revisions[^1].Action, revisions.Revisions[^1].Edition, revisions.Revisions[^1].Version));
        Assert.Equal(1, revisions.Revisions.Single(r => r.Action == "sign" && r.Version == inForce.Version).Edition);
    }

    [Fact]
    public async Task The_agreement_as_it_stood_on_a_date()
    {
        var inForce = await Steps.InForceAsync(fixture);
        var mags = await fixture.As("mags-nrw");

        var beforeDraft = await RpcAssert.FailsAsync(StatusCode.NotFound, () => mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = inForce.Id, AsOf = "2018-01-01" }));
        Assert.Contains("did not exist yet", beforeDraft.Message, StringComparison.Ordinal);
        var onFebruaryFirst = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = inForce.Id, AsOf = "2018-02-01" });
        Assert.Equal((AgreementStatus.Signing, "kt-05554"), (onFebruaryFirst.Edition.Status, onFebruaryFirst.Edition.Signatures.Single().PartyId));
        var later = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = inForce.Id, AsOf = "2018-03-01" });
        Assert.Equal(AgreementStatus.InForce, later.Edition.Status);
    }

    [Fact]
    public async Task A_returned_agreement_keeps_its_signatures_and_reason_and_an_agreement_in_force_cannot_be_returned()
    {
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await borken.SignAsync(new SignRequest { AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29" });

        var returned = await mags.ReturnUnsignedAsync(new ReturnUnsignedRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, ReturnedOn = "2018-03-05", Reason = "Juristische Kontroverse mit dem BMAS",
        });
        Assert.Equal((AgreementStatus.Returned, "mags-nrw", "2018-03-05"), (returned.Edition.Status, returned.Edition.Returned.PartyId, returned.Edition.Returned.ReturnedOn));
        Assert.Single(returned.Edition.Signatures);
        await fixture.Events.WaitForAsync<AgreementReturned>(e => e.AgreementId == draft.Id && e.Reason.Contains("BMAS", StringComparison.Ordinal));

        var inForce = await Steps.InForceAsync(fixture);
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => borken.ReturnUnsignedAsync(new ReturnUnsignedRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = inForce.Version, ReturnedOn = "2018-03-05", Reason = "zu spät",
        }));
        Refusals.Precondition(refused, "lifecycle.return", inForce.Id);
    }

    [Fact]
    public async Task Withdrawn_drafts_cannot_be_signed_and_closing_waits_for_the_end_of_the_year()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await mags.WithdrawAsync(new WithdrawRequest { AgreementId = draft.Id, ExpectedVersion = 1, WithdrawnOn = "2018-01-20", Reason = "ersetzt durch neuen Entwurf" });
        var sign = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fixture.As("kt-05554").Result.SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29",
        }));
        Refusals.Precondition(sign, "lifecycle.sign", draft.Id);

        var inForce = await Steps.InForceAsync(fixture);
        var early = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => mags.CloseAsync(new CloseRequest { AgreementId = inForce.Id, ExpectedVersion = inForce.Version, ClosedOn = "2018-12-01" }));
        Refusals.Precondition(early, "lifecycle.close_in_year", "closed_on");
        var closed = await mags.CloseAsync(new CloseRequest { AgreementId = inForce.Id, ExpectedVersion = inForce.Version, ClosedOn = "2019-04-15", Note = "Ergebnisdialog 2019" });
        Assert.Equal((AgreementStatus.Closed, "2019-04-15"), (closed.Edition.Status, closed.Edition.ClosedOn));
    }

    [Fact]
    public async Task Local_goals_are_added_by_the_requested_party_until_the_deadline()
    {
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        var requested = await mags.RequestLocalGoalsAsync(new RequestLocalGoalsRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, PartyId = "kt-05554", RequestedOn = "2018-01-16", Deadline = "2018-01-25",
        });
        Assert.Equal(AgreementStatus.LocalGoalsRequested, requested.Edition.Status);
        var local = new Goal
        {
            Id = "L1", Kind = GoalKind.Local, Heading = "Lokales Ziel: Vermittlung von Menschen mit Behinderungen",
            Targets =
            {
                new Target
                {
                    Id = "L1.1", Indicator = new Indicator { Custom = new CustomIndicator { Id = "vermittlungen-sb", Name = "Vermittlungen von Menschen mit Behinderungen in den ersten Arbeitsmarkt", Unit = "Personen" } },
                    Measure = Measure.AnnualSum, Comparison = Comparison.Absolute, Direction = Direction.AtLeast, Value = "35", DataBasis = DataBasis.Final,
                    Scope = new Scope { JobcenterId = "jc-05554" }, Wording = "mindestens 35 Menschen mit Behinderungen in den ersten Arbeitsmarkt vermitteln",
                },
            },
        };

        var byMinistry = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => mags.AddLocalGoalsAsync(new AddLocalGoalsRequest { AgreementId = draft.Id, ExpectedVersion = 2, Goals = { local }, AddedOn = "2018-01-20" }));
        Refusals.Denied(byMinistry, "NOT_THE_REQUESTED_PARTY");
        var late = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => borken.AddLocalGoalsAsync(new AddLocalGoalsRequest { AgreementId = draft.Id, ExpectedVersion = 2, Goals = { local }, AddedOn = "2018-01-26" }));
        Refusals.Precondition(late, "lifecycle.local_goals_deadline", "added_on");

        var added = await borken.AddLocalGoalsAsync(new AddLocalGoalsRequest { AgreementId = draft.Id, ExpectedVersion = 2, Goals = { local }, AddedOn = "2018-01-24" });
        Assert.Equal(AgreementStatus.Negotiation, added.Edition.Status);
        Assert.Equal((GoalOrigin.Local, "kt-05554"), (added.Edition.Content.Goals[1].Origin, added.Edition.Content.Goals[1].AddedByPartyId));
        var targets = await fixture.Events.WaitForAsync<AgreementTargetsChanged>(e => e.AgreementId == draft.Id && e.Targets.Count == 2);
        Assert.Equal("custom:vermittlungen-sb", targets.Targets[1].Indicator);
    }

    [Fact]
    public async Task Malformed_content_is_refused_with_the_field_path_and_nothing_is_stored()
    {
        var mags = await fixture.As("mags-nrw");
        var request = Drafts.Borken();
        request.Content.Goals[0].Targets[0].Value = "2,1";
        request.Content.Goals[0].Targets[0].Indicator.KeyFigure.Id = "K9";

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => mags.CreateDraftAsync(request));

        Refusals.InvalidField(status, "content.goals[0].targets[0].value");
        Refusals.InvalidField(status, "content.goals[0].targets[0].indicator.key_figure.id");
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = request.AgreementId }));
    }

    [Fact]
    public async Task The_legal_basis_rules_are_checked_against_the_registry_as_of_the_date()
    {
        var mags = await fixture.As("mags-nrw");
        // Kreis Unna's jobcenter is a gE: no § 48b Nr. 4 agreement with it.
        var request = Drafts.Borken();
        request.Parties[1].PartyId = "kt-05978";
        request.Parties.RemoveAt(2);

        var status = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => mags.CreateDraftAsync(request));

        Refusals.Precondition(status, "legal_basis.nr4.municipal_carrier_zkt", "kt-05978");
        var unknown = Drafts.Borken();
        unknown.Parties[1].PartyId = "kt-99999";
        Refusals.Precondition(await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => mags.CreateDraftAsync(unknown)), "registry.party_exists", "kt-99999");
    }
}
