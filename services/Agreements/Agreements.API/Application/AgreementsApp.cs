using System.Security.Cryptography;
using Agreements.API.Caching;
using Agreements.API.Infrastructure;
using Agreements.API.Model;
using Agreements.API.Parties;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.ServiceDefaults;

namespace Agreements.API.Application;

/// <summary>
/// The use cases: load → check the caller's party → apply the rule of the aggregate → store the agreement, its
/// revision (with a snapshot) and its events in one transaction, guarded by <c>expected_version</c>.
/// </summary>
internal sealed class AgreementsApp(AgreementStore store, AgreementCache cache, PartyDirectory parties, GermanClock clock, AgreementsTelemetry telemetry)
{
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    /// <summary>Checks that the caller acts for one of the agreement's parties (PERMISSION_DENIED otherwise).</summary>
    public delegate Task AuthorizeParty(IReadOnlyCollection<string> parties, string description);

    public DateOnly Today => clock.Today();

    public async Task<AgreementAggregate> CreateDraftAsync(CreateDraftRequest request, DateOnly datedOn, Actor actor, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartWrite("create_draft", request.AgreementId);
        var violations = new List<Violation>(ContentRules.Check(request.Content));
        if (request.Year is < 2005 or > 2100)
        {
            violations.Add(Violation.Invalid("year", $"{request.Year} is not a Zieljahr (2005 … 2100)."));
        }

        if (request.AgreementId.Length > 0 && !ContentRules.IsId(request.AgreementId))
        {
            violations.Add(Violation.Invalid("agreement_id", "3–64 lower-case letters, digits and '-', or empty to have one assigned."));
        }

        violations.AddRange(PartyShape(request.Parties, "parties"));
        RuleViolationException.ThrowIfAny(violations);
        if (request.Parties.All(p => p.PartyId != actor.PartyId))
        {
            throw new NotPermittedException("NOT_A_PARTY",
                $"client '{actor.ClientId}' acts for '{actor.PartyId}', which is not among the agreement's parties: the drafting party is one of them.");
        }

        var (enriched, state) = await CheckPartiesAsync(request.LegalBasis, request.Parties, datedOn, cancellationToken);
        await CheckReferencesAsync(request.FollowsAgreementId, request.LegalBasis, request.Year, state, request.Content, cancellationToken);
        var id = request.AgreementId.Length > 0
            ? request.AgreementId
            : $"zv-{request.Year}-{await store.NextNumberAsync(cancellationToken)}";
        var now = clock.Time.GetUtcNow();
        var aggregate = AgreementAggregate.Draft(id, request.Year, request.LegalBasis, state, enriched, actor.PartyId, datedOn,
            request.FollowsAgreementId, request.Content, now);
        var change = new Change("create_draft", ["parties", "content"], datedOn);
        await store.CreateAsync(aggregate, Write(aggregate, change, actor, now), cancellationToken);
        await cache.WrittenAsync(aggregate.Record);
        telemetry.Write("create_draft", "ok");
        return aggregate;
    }

    public Task<AgreementAggregate> ReviseAsync(ReviseDraftRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "revise_draft", async aggregate =>
        {
            var violations = new List<Violation>(ContentRules.Check(request.Content));
            violations.AddRange(PartyShape(request.Parties, "parties"));
            RuleViolationException.ThrowIfAny(violations);
            IReadOnlyList<AgreementParty>? revisedParties = null;
            if (request.Parties.Count > 0)
            {
                var datedOn = Dates.Parse(aggregate.Header.DatedOn);
                (revisedParties, _) = await CheckPartiesAsync(aggregate.Header.LegalBasis, request.Parties, datedOn, cancellationToken);
            }

            await CheckReferencesAsync(aggregate.Header.FollowsAgreementId, aggregate.Header.LegalBasis, aggregate.Header.Year, aggregate.Header.State,
                request.Content, cancellationToken);
            return aggregate.Revise(request.Content, revisedParties, actor, request.Note, Today);
        }, cancellationToken);

    public Task<AgreementAggregate> RequestLocalGoalsAsync(RequestLocalGoalsRequest request, DateOnly requestedOn, DateOnly deadline, Actor actor,
        AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "request_local_goals",
            aggregate => Task.FromResult(aggregate.RequestLocalGoals(request.PartyId, requestedOn, deadline, actor)), cancellationToken);

    public Task<AgreementAggregate> AddLocalGoalsAsync(AddLocalGoalsRequest request, DateOnly addedOn, Actor actor, AuthorizeParty authorize,
        CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "add_local_goals",
            aggregate => Task.FromResult(aggregate.AddLocalGoals(request.Goals, addedOn, actor)), cancellationToken);

    public Task<AgreementAggregate> OpenNegotiationAsync(OpenNegotiationRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "open_negotiation",
            aggregate => Task.FromResult(aggregate.OpenNegotiation(actor, Today)), cancellationToken);

    public Task<AgreementAggregate> RecordCommitteeNoticeAsync(RecordCommitteeNoticeRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "record_committee_notice",
            aggregate => Task.FromResult(aggregate.RecordCommitteeNotice(request.Notice, actor)), cancellationToken);

    public Task<AgreementAggregate> SignAsync(SignRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "sign", async aggregate =>
        {
            // The parties' standing is checked again as of the signing date (a carrier may have changed its form).
            var signedOn = Dates.Parse(request.SignedOn);
            await CheckPartiesAsync(aggregate.Header.LegalBasis, aggregate.Header.Parties, signedOn, cancellationToken);
            return aggregate.Sign(new Signature
            {
                Signatory = request.Signatory, SignatoryRole = request.SignatoryRole, Place = request.Place, SignedOn = request.SignedOn,
            }, actor);
        }, cancellationToken);

    public Task<AgreementAggregate> ReturnUnsignedAsync(ReturnUnsignedRequest request, DateOnly returnedOn, Actor actor, AuthorizeParty authorize,
        CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "return_unsigned",
            aggregate => Task.FromResult(aggregate.ReturnUnsigned(returnedOn, request.Reason, actor)), cancellationToken);

    public Task<AgreementAggregate> WithdrawAsync(WithdrawRequest request, DateOnly withdrawnOn, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "withdraw",
            aggregate => Task.FromResult(aggregate.Withdraw(withdrawnOn, request.Reason, actor)), cancellationToken);

    public Task<AgreementAggregate> AmendAsync(AmendRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "amend", async aggregate =>
        {
            RuleViolationException.ThrowIfAny(ContentRules.Check(request.Content));
            await CheckReferencesAsync(aggregate.Header.FollowsAgreementId, aggregate.Header.LegalBasis, aggregate.Header.Year, aggregate.Header.State,
                request.Content, cancellationToken);
            return aggregate.Amend(request.Content, request.Reason, actor, Today);
        }, cancellationToken);

    public Task<AgreementAggregate> CloseAsync(CloseRequest request, DateOnly closedOn, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "close",
            aggregate => Task.FromResult(aggregate.Close(closedOn, request.Note, actor)), cancellationToken);

    public Task<AgreementAggregate> SetPublicationAsync(SetPublicationRequest request, DateOnly on, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "set_publication",
            aggregate => Task.FromResult(aggregate.SetPublication(request.Released, on, actor)), cancellationToken);

    public async Task<AgreementAggregate> AttachDocumentAsync(AttachDocumentRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken)
    {
        if (request.Content.Length > MaxDocumentBytes)
        {
            throw new TooLargeException($"the document has {request.Content.Length} bytes; at most {MaxDocumentBytes} ({MaxDocumentBytes / (1024 * 1024)} MiB) are stored. Attach a link in a section or dialogue for larger files.");
        }

        var bytes = request.Content.ToByteArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        DocumentRow? row = null;
        return await WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "attach_document", aggregate =>
        {
            var document = aggregate.AttachDocument(request.Title, request.MediaType, request.PartOfAgreement, bytes.Length, sha256, actor, Today);
            row = new DocumentRow { AgreementId = aggregate.Id, DocumentId = document.Id, Content = bytes };
            return Task.FromResult(new Change("attach_document", ["documents"], Today, document.Title));
        }, cancellationToken, () => row);
    }

    public Task<AgreementAggregate> ScheduleDialogueAsync(ScheduleDialogueRequest request, DateOnly plannedOn, Actor actor, AuthorizeParty authorize,
        CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "schedule_dialogue", aggregate =>
        {
            var dialogue = aggregate.ScheduleDialogue(request.Kind, plannedOn, request.Place, request.AnalysisDocumentId, request.AnalysisLink, actor);
            return Task.FromResult(new Change("schedule_dialogue", ["dialogues"], Today, dialogue.Id));
        }, cancellationToken);

    public Task<AgreementAggregate> RecordDialogueAsync(RecordDialogueRequest request, DateOnly heldOn, Actor actor, AuthorizeParty authorize,
        CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "record_dialogue", aggregate =>
        {
            var dialogue = aggregate.RecordDialogue(request.DialogueId, heldOn, request.Minutes, request.AnalysisDocumentId, request.AnalysisLink, actor);
            return Task.FromResult(new Change("record_dialogue", [$"dialogues.{dialogue.Id}"], heldOn, dialogue.Id));
        }, cancellationToken);

    public Task<AgreementAggregate> SubmitAssessmentAsync(SubmitAssessmentRequest request, DateOnly submittedOn, Actor actor, AuthorizeParty authorize,
        CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "submit_assessment",
            aggregate => Task.FromResult(aggregate.SubmitAssessment(request.DialogueId, request.Text, submittedOn, actor)), cancellationToken);

    public Task<AgreementAggregate> AddMeasureAsync(AddMeasureRequest request, DateOnly dueOn, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "add_measure", aggregate =>
        {
            var measure = aggregate.AddMeasure(request.DialogueId, request.Title, request.OwnerPartyId, dueOn, actor);
            return Task.FromResult(new Change("add_measure", [$"dialogues.{request.DialogueId}.measures"], Today, measure.Id));
        }, cancellationToken);

    public Task<AgreementAggregate> UpdateMeasureAsync(UpdateMeasureRequest request, Actor actor, AuthorizeParty authorize, CancellationToken cancellationToken) =>
        WriteAsync(request.AgreementId, request.ExpectedVersion, actor, authorize, "update_measure", aggregate =>
        {
            var measure = aggregate.UpdateMeasure(request.DialogueId, request.MeasureId, request.State, request.FollowUp, actor);
            return Task.FromResult(new Change("update_measure", [$"dialogues.{request.DialogueId}.measures.{measure.Id}"], Today, Dates.Token(measure.State)));
        }, cancellationToken);

    /// <summary>The agreement for reading (shared with the cache: do not change it).</summary>
    public async Task<AgreementAggregate> GetAsync(string id, CancellationToken cancellationToken) =>
        new(await cache.GetAsync(id, cancellationToken) ?? await LoadAsync(id, cancellationToken) ?? throw NotFound(id));

    public async Task<AgreementAggregate> GetAsOfAsync(string id, DateOnly day, CancellationToken cancellationToken)
    {
        if (await store.AsOfAsync(id, day, cancellationToken) is { } then)
        {
            return then;
        }

        var now = await GetAsync(id, cancellationToken);
        throw new NotFoundException("zielsteuerung.agreements.v1.Agreement", id,
            $"agreement '{id}' did not exist yet on {Dates.Format(day)} (it is dated {now.Header.DatedOn}).");
    }

    public Task<List<RevisionRow>> RevisionsAsync(string id, CancellationToken cancellationToken) => store.RevisionsAsync(id, cancellationToken);

    public async Task<byte[]> DocumentAsync(string agreementId, string documentId, CancellationToken cancellationToken) =>
        await store.DocumentAsync(agreementId, documentId, cancellationToken)
        ?? throw new NotFoundException("zielsteuerung.agreements.v1.Document", documentId, $"agreement '{agreementId}' has no document '{documentId}'.");

    public Task<(List<AgreementRow> Rows, string? Next)> ListAsync(AgreementQuery query, string pageToken, int size, CancellationToken cancellationToken) =>
        store.ListAsync(query, pageToken, size, cancellationToken);

    private async Task<AgreementAggregate> WriteAsync(
        string id, long expectedVersion, Actor actor, AuthorizeParty authorize, string operation,
        Func<AgreementAggregate, Task<Change>> apply, CancellationToken cancellationToken, Func<DocumentRow?>? document = null)
    {
        using var activity = telemetry.StartWrite(operation, id);
        if (expectedVersion <= 0)
        {
            throw RuleViolationException.Invalid("expected_version", "required: the version of the agreement as last read.");
        }

        // The cached record saves the read when it is at the expected version (the UPDATE checks it anyway); otherwise
        // the database decides whether the caller is stale.
        var cached = await cache.GetAsync(id, cancellationToken);
        var record = (cached is not null && cached.Header.Version == expectedVersion
            ? cached
            : await LoadAsync(id, cancellationToken) ?? throw NotFound(id)).Clone();
        var aggregate = new AgreementAggregate(record);
        var version = record.Header.Version;
        await authorize(aggregate.PartyIds, $"agreement {id}");
        if (version != expectedVersion)
        {
            telemetry.Write(operation, "stale");
            throw new VersionConflictException(id, expectedVersion, version);
        }

        var change = await apply(aggregate);
        var now = clock.Time.GetUtcNow();
        aggregate.Header.Version = version + 1;
        aggregate.Header.UpdatedAt = Dates.Timestamp(now);
        try
        {
            await store.UpdateAsync(aggregate, expectedVersion, Write(aggregate, change, actor, now) with { Document = document?.Invoke() }, cancellationToken);
        }
        catch (StoreConflictException e)
        {
            cache.Forget(id);
            telemetry.Write(operation, "stale");
            throw new VersionConflictException(id, expectedVersion, e.CurrentVersion);
        }

        await cache.WrittenAsync(aggregate.Record);
        telemetry.Write(operation, "ok");
        return aggregate;
    }

    /// <summary>From the database, into the cache: the record returned is the cache's, never to be changed (writers clone it).</summary>
    private async Task<AgreementRecord?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not var (record, bytes))
        {
            return null;
        }

        await cache.SetAsync(record, bytes, cancellationToken);
        return record;
    }

    private static WriteContext Write(AgreementAggregate aggregate, Change change, Actor actor, DateTimeOffset now) =>
        new(actor, change, now, AgreementEventFactory.For(aggregate, change, actor));

    /// <summary>The parties enriched with the registry's facts as of the date, checked against the legal basis.</summary>
    private async Task<(List<AgreementParty> Parties, string State)> CheckPartiesAsync(
        LegalBasis basis, IEnumerable<AgreementParty> requested, DateOnly asOf, CancellationToken cancellationToken)
    {
        var list = requested.ToList();
        var (facts, violations) = await parties.LookUpAsync(list.Select(p => p.PartyId), asOf, cancellationToken);
        RuleViolationException.ThrowIfAny(violations);
        var pairs = list.Select(p => (p, facts[p.PartyId])).ToList();
        RuleViolationException.ThrowIfAny(LegalBasisRules.Check(basis, pairs));
        var enriched = pairs.Select(pair =>
        {
            var (party, fact) = pair;
            var copy = party.Clone();
            copy.Name = fact.Name;
            copy.ShortName = fact.ShortName;
            copy.Kind = fact.Kind;
            copy.JobcenterForm = fact.JobcenterForm;
            copy.Ags = fact.Ags;
            return copy;
        }).ToList();
        return (enriched, LegalBasisRules.StateOf(facts.Values));
    }

    /// <summary>The framework agreement (a Nr. 4 follows the Nr. 3 of its state and year) and the agreements sections refer to exist.</summary>
    private async Task CheckReferencesAsync(string follows, LegalBasis basis, int year, string state, AgreementContent content, CancellationToken cancellationToken)
    {
        var violations = new List<Violation>();
        if (follows.Length > 0)
        {
            var framework = (await store.FindAsync(follows, cancellationToken)) is var (found, _) ? new AgreementAggregate(found) : null;
            if (framework is null)
            {
                violations.Add(Violation.Precondition("framework.exists", "follows_agreement_id", $"there is no agreement '{follows}' to follow."));
            }
            else if (basis == LegalBasis.Sgb248BNr4 && (framework.Header.LegalBasis != LegalBasis.Sgb248BNr3 || framework.Header.Year != year || framework.Header.State != state))
            {
                violations.Add(Violation.Precondition("framework.nr4_follows_nr3", "follows_agreement_id",
                    $"a Nr. 4 agreement follows the Nr. 3 agreement of its state and year ({state} {year}); '{follows}' is {LegalBasisRules.Name(framework.Header.LegalBasis)} of {framework.Header.State} {framework.Header.Year}."));
            }
        }

        for (var i = 0; i < content.Sections.Count; i++)
        {
            foreach (var (referenced, j) in content.Sections[i].ReferencedAgreementIds.Select((r, j) => (r, j)))
            {
                if (!await store.ExistsAsync(referenced, cancellationToken))
                {
                    violations.Add(Violation.Precondition("reference.exists", $"content.sections[{i}].referenced_agreement_ids[{j}]", $"there is no agreement '{referenced}'."));
                }
            }
        }

        RuleViolationException.ThrowIfAny(violations);
    }

    private static IEnumerable<Violation> PartyShape(IReadOnlyList<AgreementParty> list, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!ContentRules.IsPartyId(list[i].PartyId))
            {
                yield return Violation.Invalid($"{path}[{i}].party_id", $"'{list[i].PartyId}' is not a party id of the registry (e.g. \"mags-nrw\").");
            }
            else if (!seen.Add(list[i].PartyId))
            {
                yield return Violation.Invalid($"{path}[{i}].party_id", $"{list[i].PartyId} is named twice.");
            }

            if (list[i].Role == PartyRole.Unspecified)
            {
                yield return Violation.Invalid($"{path}[{i}].role", "required: signatory, consenting or concerned.");
            }
        }
    }

    private static NotFoundException NotFound(string id) =>
        new("zielsteuerung.agreements.v1.Agreement", id, $"there is no agreement '{id}'.");
}
