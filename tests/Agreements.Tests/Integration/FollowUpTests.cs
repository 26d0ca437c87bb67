using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>Documents, committee notices, target dialogues with assessments and measures, and events across a broker restart.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class FollowUpTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task A_planning_document_is_stored_with_its_hash_and_an_oversized_one_is_refused()
    {
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        var content = System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken");

        var attached = await borken.AttachDocumentAsync(new AttachDocumentRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1, Title = "Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken",
            MediaType = "application/pdf", PartOfAgreement = true, Content = ByteString.CopyFrom(content),
        });
        var document = attached.Documents.Single();
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(content)), (long)content.Length, "kt-05554 (kt-05554)"), (document.Sha256, document.SizeBytes, document.RecordedBy));
        var read = await mags.GetDocumentAsync(new GetDocumentRequest { AgreementId = draft.Id, DocumentId = document.Id });
        Assert.Equal(content, read.Content.ToByteArray());

        var oversized = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => borken.AttachDocumentAsync(new AttachDocumentRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 2, Title = "zu groß", MediaType = "application/pdf", Content = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]),
        }));
        Assert.Contains("4 MiB", oversized.Message, StringComparison.Ordinal);
        Assert.Single((await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id })).Documents);
    }

    [Fact]
    public async Task A_committee_takes_notice_of_the_draft()
    {
        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(Drafts.Borken());

        var noticed = await (await fixture.As("kt-05554")).RecordCommitteeNoticeAsync(new RecordCommitteeNoticeRequest
        {
            AgreementId = draft.Id, ExpectedVersion = 1,
            Notice = new CommitteeNotice { Committee = "Ausschuss für Arbeit und Soziales", NoticedOn = "2018-01-20", Reference = "Drucksache 17/2018" },
        });

        Assert.Equal(("kt-05554", "Drucksache 17/2018"), (noticed.CommitteeNotices.Single().PartyId, noticed.CommitteeNotices.Single().Reference));
    }

    [Fact]
    public async Task Dialogues_record_assessments_and_measures_and_a_due_measure_is_announced_once()
    {
        var inForce = await Steps.InForceAsync(fixture);
        var mags = await fixture.As("mags-nrw");
        var borken = await fixture.As("kt-05554");

        var scheduled = await mags.ScheduleDialogueAsync(new ScheduleDialogueRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = inForce.Version, Kind = DialogueKind.Interim, PlannedOn = "2018-06-20", Place = "Borken",
            AnalysisLink = "https://monitoring.example/reports/jc-05554/2018-05",
        });
        var dialogue = scheduled.Dialogues.Single();
        var held = await mags.RecordDialogueAsync(new RecordDialogueRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = scheduled.Version, DialogueId = dialogue.Id, HeldOn = "2018-06-20", Minutes = "JFW K2 im Plan, K3 über Vorjahr.",
        });
        await fixture.Events.WaitForAsync<DialogueHeld>(e => e.AgreementId == inForce.Id && e.DialogueId == dialogue.Id);
        var assessed = await borken.SubmitAssessmentAsync(new SubmitAssessmentRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = held.Version, DialogueId = dialogue.Id, Text = "Der Kreis bewertet die Entwicklung der LZB kritisch.", SubmittedOn = "2018-06-25",
        });
        var measured = await mags.AddMeasureAsync(new AddMeasureRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = assessed.Version, DialogueId = dialogue.Id, Title = "Aktivierung der LZB im Fallmanagement verstärken",
            OwnerPartyId = "kt-05554", DueOn = "2018-09-30",
        });
        var measure = measured.Dialogues.Single().Measures.Single();

        var due = await fixture.Events.WaitForAsync<MeasureDue>(e => e.AgreementId == inForce.Id && e.MeasureId == measure.Id);
        Assert.Equal(("kt-05554", new DateOnly(2018, 9, 30)), (due.OwnerPartyId, due.DueOn));

        var twice = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => mags.RecordDialogueAsync(new RecordDialogueRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = measured.Version, DialogueId = dialogue.Id, HeldOn = "2018-06-21",
        }));
        Refusals.Precondition(twice, "dialogue.held", dialogue.Id);
        var done = await borken.UpdateMeasureAsync(new UpdateMeasureRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = measured.Version, DialogueId = dialogue.Id, MeasureId = measure.Id, State = MeasureState.Done, FollowUp = "Zwei zusätzliche Fallmanager seit August.",
        });
        Assert.Equal(MeasureState.Done, done.Dialogues.Single().Measures.Single().State);
        var reopen = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => borken.UpdateMeasureAsync(new UpdateMeasureRequest
        {
            AgreementId = inForce.Id, ExpectedVersion = done.Version, DialogueId = dialogue.Id, MeasureId = measure.Id, State = MeasureState.Open,
        }));
        Refusals.Precondition(reopen, "dialogue.measure_final", measure.Id);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(fixture.Events.Received.OfType<MeasureDue>(), e => e.AgreementId == inForce.Id);
        var assessment = done.Dialogues.Single().Assessments.Single();
        Assert.Equal(("kt-05554", "kt-05554 (kt-05554)"), (assessment.PartyId, assessment.RecordedBy));
    }

    [Fact]
    public async Task A_signature_recorded_while_the_broker_is_down_is_published_when_it_is_back()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await fixture.Events.WaitForAsync<AgreementDrafted>(e => e.AgreementId == draft.Id);

        await fixture.Topology.StopResourceAsync("rabbitmq");
        try
        {
            var signed = await (await fixture.As("kt-05554")).SignAsync(new SignRequest
            {
                AgreementId = draft.Id, ExpectedVersion = 1, Signatory = "Dr. Kai Zwicker", Place = "Borken", SignedOn = "2018-01-29",
            });
            Assert.Equal(AgreementStatus.Signing, signed.Edition.Status);
        }
        finally
        {
            await fixture.Topology.StartResourceAsync("rabbitmq");
        }

        var delivered = await fixture.Events.WaitForAsync<AgreementSigned>(e => e.AgreementId == draft.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(("kt-05554", "mags-nrw"), (delivered.SignedByPartyId, string.Join(",", delivered.AwaitingSignature)));
    }
}
