using Agreements.API.Application;
using Agreements.API.Infrastructure;
using Agreements.API.Model;
using Agreements.API.Rendering;
using Google.Protobuf;
using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;

namespace Agreements.API.Grpc;

/// <summary>
/// zielsteuerung.agreements.v1.Agreements: checks and translates requests (dates, ids), takes the caller from the
/// token, lets <see cref="AgreementsApp"/> do the work; <see cref="AgreementsErrorInterceptor"/> maps refusals.
/// </summary>
internal sealed class AgreementsService : Zielsteuerung.Agreements.V1.Agreements.AgreementsBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    /// <summary>
    /// Who may call what: drafting and negotiating need agreements.write, signing and returning agreements.sign, both
    /// only for a party of the agreement (the handler checks the loaded agreement's parties, then the aggregate the
    /// party's role: drafter, requested party, signatory). Reads need agreements.read: a party reads its agreements,
    /// everyone reads the released ones.
    /// </summary>
    public static ServiceAccess Access { get; } = ServiceAccess.For(Zielsteuerung.Agreements.V1.Agreements.Descriptor, rules => rules
        .Allow(Scopes.AgreementsWrite, PartyRule.FromRequest<CreateDraftRequest>(r => r.Parties.Select(p => p.PartyId)), "CreateDraft")
        .Allow(Scopes.AgreementsWrite, PartyRule.OfResource,
            "ReviseDraft", "RequestLocalGoals", "AddLocalGoals", "OpenNegotiation", "RecordCommitteeNotice", "Withdraw", "Amend", "Close",
            "SetPublication", "AttachDocument", "ScheduleDialogue", "RecordDialogue", "SubmitAssessment", "AddMeasure", "UpdateMeasure")
        .Allow(Scopes.AgreementsSign, PartyRule.OfResource, "Sign", "ReturnUnsigned")
        .Allow(Scopes.AgreementsRead, "GetAgreement", "ListAgreements", "ListRevisions", "RenderAgreement", "GetDocument"));

    public override async Task<Agreement> CreateDraft(CreateDraftRequest request, ServerCallContext context)
    {
        var app = App(context);
        var datedOn = request.DatedOn.Length == 0 ? app.Today : PastDate(app, request.DatedOn, "dated_on");
        var aggregate = await app.CreateDraftAsync(request, datedOn, Actor(context), context.CancellationToken);
        return AgreementView.Of(aggregate, aggregate.Current);
    }

    public override Task<Agreement> ReviseDraft(ReviseDraftRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.ReviseAsync(request, actor, authorize, ct));

    public override Task<Agreement> RequestLocalGoals(RequestLocalGoalsRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.RequestLocalGoalsAsync(request,
            PastDate(app, request.RequestedOn, "requested_on"), RequiredDate(request.Deadline, "deadline"), actor, authorize, ct));

    public override Task<Agreement> AddLocalGoals(AddLocalGoalsRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.AddLocalGoalsAsync(request, PastDate(app, request.AddedOn, "added_on"), actor, authorize, ct));

    public override Task<Agreement> OpenNegotiation(OpenNegotiationRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.OpenNegotiationAsync(request, actor, authorize, ct));

    public override Task<Agreement> RecordCommitteeNotice(RecordCommitteeNoticeRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) =>
        {
            if (request.Notice is null || string.IsNullOrWhiteSpace(request.Notice.Committee))
            {
                throw RuleViolationException.Invalid("notice.committee", "required: the body that took notice, e.g. \"Ausschuss für Arbeit, Soziales, Familie und Gleichstellung\".");
            }

            PastDate(app, request.Notice.NoticedOn, "notice.noticed_on");
            if (request.Notice.PartyId.Length == 0)
            {
                request.Notice.PartyId = actor.PartyId;
            }

            return app.RecordCommitteeNoticeAsync(request, actor, authorize, ct);
        });

    public override Task<Agreement> Sign(SignRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) =>
        {
            PastDate(app, request.SignedOn, "signed_on");
            if (string.IsNullOrWhiteSpace(request.Signatory))
            {
                throw RuleViolationException.Invalid("signatory", "required: the name of the person who signs, e.g. \"Dr. Kai Zwicker\".");
            }

            if (string.IsNullOrWhiteSpace(request.Place))
            {
                throw RuleViolationException.Invalid("place", "required: where it was signed, e.g. \"Borken\".");
            }

            return app.SignAsync(request, actor, authorize, ct);
        });

    public override Task<Agreement> ReturnUnsigned(ReturnUnsignedRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.ReturnUnsignedAsync(request, PastDate(app, request.ReturnedOn, "returned_on"), actor, authorize, ct));

    public override Task<Agreement> Withdraw(WithdrawRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.WithdrawAsync(request, OrToday(app, request.WithdrawnOn, "withdrawn_on"), actor, authorize, ct));

    public override Task<Agreement> Amend(AmendRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.AmendAsync(request, actor, authorize, ct));

    public override Task<Agreement> Close(CloseRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.CloseAsync(request, OrToday(app, request.ClosedOn, "closed_on"), actor, authorize, ct));

    public override Task<Agreement> SetPublication(SetPublicationRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.SetPublicationAsync(request, OrToday(app, request.ReleasedOn, "released_on"), actor, authorize, ct));

    public override Task<Agreement> AttachDocument(AttachDocumentRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Title))
            {
                throw RuleViolationException.Invalid("title", "required, e.g. \"Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken\".");
            }

            if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.MediaType, out _))
            {
                throw RuleViolationException.Invalid("media_type", $"'{request.MediaType}' is not a media type (e.g. \"application/pdf\").");
            }

            if (request.Content.IsEmpty)
            {
                throw RuleViolationException.Invalid("content", "the document is empty.");
            }

            return app.AttachDocumentAsync(request, actor, authorize, ct);
        });

    public override async Task<DocumentContent> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        var app = App(context);
        var aggregate = await ReadableAsync(app, request.AgreementId, context);
        var document = aggregate.Header.Documents.FirstOrDefault(d => d.Id == request.DocumentId)
            ?? throw new NotFoundException("zielsteuerung.agreements.v1.Document", request.DocumentId, $"agreement '{request.AgreementId}' has no document '{request.DocumentId}'.");
        var bytes = await app.DocumentAsync(request.AgreementId, request.DocumentId, context.CancellationToken);
        return new DocumentContent { Document = document, Content = ByteString.CopyFrom(bytes) };
    }

    public override async Task<Agreement> GetAgreement(GetAgreementRequest request, ServerCallContext context)
    {
        var app = App(context);
        if (request.Edition != 0 && request.AsOf.Length > 0)
        {
            throw RuleViolationException.Invalid("as_of", "either an edition or a date, not both.");
        }

        var aggregate = request.AsOf.Length > 0
            ? await app.GetAsOfAsync(RequiredId(request.AgreementId), RequiredDate(request.AsOf, "as_of"), context.CancellationToken)
            : await app.GetAsync(RequiredId(request.AgreementId), context.CancellationToken);
        await AuthorizeReadAsync(aggregate, context);
        return AgreementView.Of(aggregate, EditionOf(aggregate, request.Edition));
    }

    public override async Task<ListAgreementsResponse> ListAgreements(ListAgreementsRequest request, ServerCallContext context)
    {
        var size = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw RuleViolationException.Invalid("page_size", $"1 … {MaxPageSize} (default {DefaultPageSize})."),
            var n => n,
        };
        var query = new AgreementQuery(request.Year, request.PartyId, request.LegalBasis, request.State, request.Status, request.ReleasedOnly,
            context.GetCaller().PartyId);
        var (rows, next) = await App(context).ListAsync(query, request.PageToken, size, context.CancellationToken);
        var response = new ListAgreementsResponse { NextPageToken = next ?? "" };
        response.Agreements.AddRange(rows.Select(AgreementView.Summary));

        return response;
    }

    public override async Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context)
    {
        var app = App(context);
        await ReadableAsync(app, request.AgreementId, context);
        var revisions = await app.RevisionsAsync(request.AgreementId, context.CancellationToken);
        return new ListRevisionsResponse
        {
            Revisions =
            {
                revisions.Select(r => new Revision
                {
                    Version = r.Version, Edition = r.Edition, Action = r.Action, RecordedAt = Dates.Timestamp(r.RecordedAt),
                    ClientId = r.ClientId, PartyId = r.PartyId, Changed = { r.Changed }, Note = r.Note,
                }),
            },
        };
    }

    public override async Task<RenderedAgreement> RenderAgreement(RenderAgreementRequest request, ServerCallContext context)
    {
        var aggregate = await ReadableAsync(App(context), request.AgreementId, context);
        var edition = EditionOf(aggregate, request.Edition);
        var view = AgreementView.Of(aggregate, edition);
        return request.Format == RenderFormat.Html
            ? new RenderedAgreement { MediaType = "text/html; charset=utf-8", Text = AgreementRenderer.Html(view), Edition = edition.Number }
            : new RenderedAgreement { MediaType = "text/markdown; charset=utf-8", Text = AgreementRenderer.Markdown(view), Edition = edition.Number };
    }

    public override Task<Agreement> ScheduleDialogue(ScheduleDialogueRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) =>
        {
            if (request.Kind == DialogueKind.Unspecified)
            {
                throw RuleViolationException.Invalid("kind", "required: interim or results dialogue.");
            }

            return app.ScheduleDialogueAsync(request, RequiredDate(request.PlannedOn, "planned_on"), actor, authorize, ct);
        });

    public override Task<Agreement> RecordDialogue(RecordDialogueRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.RecordDialogueAsync(request, PastDate(app, request.HeldOn, "held_on"), actor, authorize, ct));

    public override Task<Agreement> SubmitAssessment(SubmitAssessmentRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.SubmitAssessmentAsync(request, OrToday(app, request.SubmittedOn, "submitted_on"), actor, authorize, ct));

    public override Task<Agreement> AddMeasure(AddMeasureRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.AddMeasureAsync(request, RequiredDate(request.DueOn, "due_on"), actor, authorize, ct));

    public override Task<Agreement> UpdateMeasure(UpdateMeasureRequest request, ServerCallContext context) =>
        Write(context, (app, actor, authorize, ct) => app.UpdateMeasureAsync(request, actor, authorize, ct));

    private static async Task<Agreement> Write(
        ServerCallContext context, Func<AgreementsApp, Actor, AgreementsApp.AuthorizeParty, CancellationToken, Task<AgreementAggregate>> write)
    {
        var aggregate = await write(App(context), Actor(context), (parties, description) => context.AuthorizePartyAsync(parties, description),
            context.CancellationToken);
        return AgreementView.Of(aggregate, aggregate.Current);
    }

    /// <summary>A party reads its own agreements; a released one everybody with agreements.read; every one a client with agreements.monitor.</summary>
    private static async Task<AgreementAggregate> ReadableAsync(AgreementsApp app, string id, ServerCallContext context)
    {
        var aggregate = await app.GetAsync(RequiredId(id), context.CancellationToken);
        await AuthorizeReadAsync(aggregate, context);
        return aggregate;
    }

    private static Task AuthorizeReadAsync(AgreementAggregate aggregate, ServerCallContext context) =>
        aggregate.Header.Released || context.GetCaller().HasScope(Scopes.AgreementsMonitor) ? Task.CompletedTask : context.AuthorizePartyAsync(aggregate.PartyIds, $"agreement {aggregate.Id} (not released for publication)");

    private static Edition EditionOf(AgreementAggregate aggregate, int number) => number switch
    {
        0 => aggregate.Current,
        _ => aggregate.Record.Editions.FirstOrDefault(e => e.Number == number)
            ?? throw new NotFoundException("zielsteuerung.agreements.v1.Edition", number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"agreement '{aggregate.Id}' has editions 1 … {aggregate.Record.Editions.Count}, not {number}."),
    };

    private static AgreementsApp App(ServerCallContext context) => context.GetHttpContext().RequestServices.GetRequiredService<AgreementsApp>();

    private static Actor Actor(ServerCallContext context)
    {
        var caller = context.GetCaller();
        return new Actor(caller.ClientId, caller.PartyId, caller.RecordedBy);
    }

    private static string RequiredId(string id) =>
        id.Length > 0 ? id : throw RuleViolationException.Invalid("agreement_id", "required.");

    private static DateOnly RequiredDate(string text, string field) =>
        Dates.TryParse(text, out var date) ? date : throw RuleViolationException.Invalid(field, $"'{text}' is not a date yyyy-MM-dd.");

    /// <summary>A business date: well-formed and not in the future.</summary>
    private static DateOnly PastDate(AgreementsApp app, string text, string field)
    {
        var date = RequiredDate(text, field);
        return date <= app.Today ? date : throw RuleViolationException.Invalid(field, $"{text} lies in the future; record events when they have happened.");
    }

    private static DateOnly OrToday(AgreementsApp app, string text, string field) => text.Length == 0 ? app.Today : PastDate(app, text, field);
}
