using System.Globalization;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Model;

/// <summary>Who acts: the token's client and party (never a name from the request).</summary>
internal sealed record Actor(string ClientId, string PartyId, string RecordedBy);

/// <summary>What a write did, for the audit trail and the events.</summary>
/// <param name="EffectiveOn">The business date of the write (signed on, returned on …): as-of reads go by it.</param>
internal sealed record Change(string Action, IReadOnlyList<string> Changed, DateOnly EffectiveOn, string Note = "");

/// <summary>
/// One agreement with all its editions and the rules of its life (DOMAIN.md § 2): draft → local goals requested →
/// negotiation → signing → in force → closed; returned, withdrawn, amended (a new edition, signed again, the earlier
/// one superseded only when the amendment is in force). Refusals are <see cref="RuleViolationException"/>
/// (FAILED_PRECONDITION, rule "lifecycle.*") or <see cref="NotPermittedException"/> (PERMISSION_DENIED).
/// </summary>
internal sealed class AgreementAggregate(AgreementRecord record)
{
    private static readonly AgreementStatus[] OpenStatuses =
        [AgreementStatus.Draft, AgreementStatus.LocalGoalsRequested, AgreementStatus.Negotiation, AgreementStatus.Signing];

    public AgreementRecord Record { get; } = record;

    public Agreement Header => Record.Header;

    public string Id => Header.Id;

    public IReadOnlyList<string> PartyIds => Header.Parties.Select(p => p.PartyId).ToList();

    /// <summary>The newest edition that is not withdrawn or returned (else the newest): what a read shows by default.</summary>
    public Edition Current => Record.Editions.LastOrDefault(e => e.Status is not (AgreementStatus.Withdrawn or AgreementStatus.Returned))
        ?? Record.Editions[^1];

    /// <summary>The edition being negotiated or signed, if any.</summary>
    public Edition? Open => Record.Editions[^1] is { } newest && OpenStatuses.Contains(newest.Status) ? newest : null;

    public Edition? InForce => Record.Editions.LastOrDefault(e => e.Status == AgreementStatus.InForce);

    public static AgreementAggregate Draft(
        string id, int year, LegalBasis basis, string state, IEnumerable<AgreementParty> parties, string draftingParty,
        DateOnly datedOn, string follows, AgreementContent content, DateTimeOffset now)
    {
        var header = new Agreement
        {
            Id = id,
            Year = year,
            LegalBasis = basis,
            State = state,
            DraftingPartyId = draftingParty,
            DatedOn = Dates.Format(datedOn),
            PartiesAsOf = Dates.Format(datedOn),
            FollowsAgreementId = follows,
            CreatedAt = Dates.Timestamp(now),
            UpdatedAt = Dates.Timestamp(now),
            Version = 1,
        };
        header.Parties.AddRange(parties);
        var edition = new Edition { Number = 1, Status = AgreementStatus.Draft, Content = content.Clone() };
        MarkOrigin(edition.Content.Goals, GoalOrigin.Draft, draftingParty);
        var aggregate = new AgreementAggregate(new AgreementRecord { Header = header, Editions = { edition } });
        aggregate.RefreshAwaiting();
        return aggregate;
    }

    /// <summary>A new revision of the open edition's content (and, optionally, of its parties).</summary>
    public Change Revise(AgreementContent content, IReadOnlyList<AgreementParty>? parties, Actor actor, string note, DateOnly today)
    {
        var edition = EditableEdition("lifecycle.revise");
        if (edition.Status == AgreementStatus.Negotiation)
        {
            RequireSignatory(actor, "revise the draft in negotiation");
        }
        else
        {
            RequireDrafter(actor, "edit the draft");
        }

        var revised = content.Clone();
        KeepOrigins(revised.Goals, edition.Content.Goals, actor);
        var changed = ChangedFields(edition.Content, revised);
        edition.Content = revised;
        if (parties is { Count: > 0 })
        {
            Header.Parties.Clear();
            Header.Parties.AddRange(parties);
            changed.Add("parties");
            RefreshAwaiting();
        }

        return new Change("revise_draft", changed, today, note);
    }

    public Change RequestLocalGoals(string partyId, DateOnly requestedOn, DateOnly deadline, Actor actor)
    {
        var edition = EditionIn("lifecycle.request_local_goals", "local goals are requested while the agreement is a draft", AgreementStatus.Draft);
        RequireDrafter(actor, "request local goals");
        if (PartyOf(partyId) is null)
        {
            throw RuleViolationException.Precondition("lifecycle.request_local_goals", partyId,
                $"{partyId} is not a party of agreement {Id}; local goals are requested from one of {string.Join(", ", PartyIds)}.");
        }

        if (deadline < requestedOn)
        {
            throw RuleViolationException.Invalid("deadline", $"the deadline {Dates.Format(deadline)} lies before the request ({Dates.Format(requestedOn)}).");
        }

        edition.Status = AgreementStatus.LocalGoalsRequested;
        edition.LocalGoals = new LocalGoalsRequest { PartyId = partyId, RequestedOn = Dates.Format(requestedOn), Deadline = Dates.Format(deadline) };
        return new Change("request_local_goals", ["status", "local_goals"], requestedOn);
    }

    public Change AddLocalGoals(IReadOnlyList<Goal> goals, DateOnly addedOn, Actor actor)
    {
        var edition = EditionIn("lifecycle.add_local_goals", "local goals are added after they were requested", AgreementStatus.LocalGoalsRequested);
        var request = edition.LocalGoals;
        if (actor.PartyId != request.PartyId)
        {
            throw new NotPermittedException("NOT_THE_REQUESTED_PARTY",
                $"local goals of agreement {Id} were requested from {request.PartyId}; client '{actor.ClientId}' acts for '{actor.PartyId}'.");
        }

        if (addedOn > Dates.Parse(request.Deadline))
        {
            throw RuleViolationException.Precondition("lifecycle.local_goals_deadline", "added_on",
                $"the local goals were due by {request.Deadline}; {Dates.Format(addedOn)} is after the deadline. Ask {Header.DraftingPartyId} to request them again.");
        }

        if (goals.Count == 0)
        {
            throw RuleViolationException.Invalid("goals", "at least one local goal.");
        }

        var violations = new List<Violation>();
        ContentRules.CheckGoals(goals, "goals", violations, edition.Content.Goals);
        RuleViolationException.ThrowIfAny(violations);
        var added = goals.Select(g => g.Clone()).ToList();
        MarkOrigin(added, GoalOrigin.Local, actor.PartyId);
        edition.Content.Goals.AddRange(added);
        request.AddedOn = Dates.Format(addedOn);
        edition.Status = AgreementStatus.Negotiation;
        return new Change("add_local_goals", ["content.goals", "status", "local_goals"], addedOn);
    }

    public Change OpenNegotiation(Actor actor, DateOnly today)
    {
        var edition = EditionIn("lifecycle.open_negotiation", "the negotiation is opened on a draft", AgreementStatus.Draft);
        RequireDrafter(actor, "open the negotiation");
        edition.Status = AgreementStatus.Negotiation;
        return new Change("open_negotiation", ["status"], today);
    }

    public Change RecordCommitteeNotice(CommitteeNotice notice, Actor actor)
    {
        RequireParty(actor, "record a committee's notice");
        if (Record.Editions[^1].Status is AgreementStatus.Withdrawn)
        {
            throw RuleViolationException.Precondition("lifecycle.committee_notice", Id, $"agreement {Id} was withdrawn; a committee takes no notice of it any more.");
        }

        Header.CommitteeNotices.Add(notice);
        return new Change("record_committee_notice", ["committee_notices"], Dates.Parse(notice.NoticedOn));
    }

    /// <summary>Signs (or consents to) the open edition; the last signature puts it in force on the latest signing date.</summary>
    public Change Sign(Signature signature, Actor actor)
    {
        var party = PartyOf(actor.PartyId) ?? throw NotAParty(actor, "sign it");
        if (party.Role == PartyRole.Concerned)
        {
            throw new NotPermittedException("NOT_A_SIGNATORY",
                $"{actor.PartyId} is named in agreement {Id} but does not sign it (role concerned); its signatories are {string.Join(", ", Signers())}.");
        }

        var edition = Open;
        if (edition is null || edition.Status == AgreementStatus.LocalGoalsRequested)
        {
            var newest = Record.Editions[^1];
            var why = newest.Status switch
            {
                AgreementStatus.InForce => $"edition {newest.Number} is in force since {newest.InForceOn}: it is signed already (amend it to change it)",
                AgreementStatus.LocalGoalsRequested => $"local goals are still awaited from {newest.LocalGoals.PartyId} (deadline {newest.LocalGoals.Deadline})",
                _ => $"edition {newest.Number} is {Dates.Token(newest.Status)}",
            };
            throw RuleViolationException.Precondition("lifecycle.sign", Id, $"agreement {Id} cannot be signed: {why}.");
        }

        if (edition.Signatures.Any(s => s.PartyId == actor.PartyId))
        {
            var earlier = edition.Signatures.First(s => s.PartyId == actor.PartyId);
            throw RuleViolationException.Precondition("lifecycle.sign_twice", actor.PartyId,
                $"{actor.PartyId} signed edition {edition.Number} of agreement {Id} already, on {earlier.SignedOn} in {earlier.Place}.");
        }

        var signedOn = Dates.Parse(signature.SignedOn);
        if (signedOn.Year > Header.Year)
        {
            throw RuleViolationException.Precondition("lifecycle.sign_after_year", "signed_on",
                $"agreement {Id} is for {Header.Year}; it cannot be signed after the year ({signature.SignedOn}).");
        }

        if (signedOn < Dates.Parse(Header.DatedOn))
        {
            throw RuleViolationException.Precondition("lifecycle.sign_before_draft", "signed_on",
                $"{signature.SignedOn} lies before the agreement's date {Header.DatedOn}.");
        }

        var signed = signature.Clone();
        signed.PartyId = actor.PartyId;
        signed.Consent = party.Role == PartyRole.Consenting;
        signed.RecordedBy = actor.RecordedBy;
        edition.Signatures.Add(signed);
        edition.Status = AgreementStatus.Signing;
        var changed = new List<string> { "signatures", "status" };
        RefreshAwaiting();
        if (edition.AwaitingSignature.Count == 0)
        {
            var inForceOn = edition.Signatures.Max(s => Dates.Parse(s.SignedOn));
            if (InForce is { } previous)
            {
                previous.Status = AgreementStatus.Superseded;
                previous.SupersededOn = Dates.Format(inForceOn);
            }

            edition.Status = AgreementStatus.InForce;
            edition.InForceOn = Dates.Format(inForceOn);
            changed.Add("in_force_on");
        }

        return new Change("sign", changed, signedOn);
    }

    public Change ReturnUnsigned(DateOnly returnedOn, string reason, Actor actor)
    {
        var party = PartyOf(actor.PartyId) ?? throw NotAParty(actor, "return it");
        if (party.Role == PartyRole.Concerned)
        {
            throw new NotPermittedException("NOT_A_SIGNATORY", $"{actor.PartyId} does not sign agreement {Id}, so it cannot return it unsigned.");
        }

        var edition = Open ?? throw RuleViolationException.Precondition("lifecycle.return", Id, Record.Editions[^1].Status == AgreementStatus.InForce
            ? $"agreement {Id} is in force since {Record.Editions[^1].InForceOn}; an agreement in force cannot be returned (amend it, or close it after the year)."
            : $"agreement {Id} is {Dates.Token(Record.Editions[^1].Status)}; only an agreement being negotiated or signed can be returned.");
        if (edition.Signatures.Any(s => s.PartyId == actor.PartyId))
        {
            throw RuleViolationException.Precondition("lifecycle.return_signed", actor.PartyId,
                $"{actor.PartyId} has signed edition {edition.Number} already; a party returns an agreement it has not signed.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuleViolationException.Invalid("reason", "required: why the agreement is returned unsigned.");
        }

        edition.Status = AgreementStatus.Returned;
        edition.Returned = new Return { PartyId = actor.PartyId, ReturnedOn = Dates.Format(returnedOn), Reason = reason, RecordedBy = actor.RecordedBy };
        RefreshAwaiting();
        return new Change("return_unsigned", ["status", "returned"], returnedOn);
    }

    public Change Withdraw(DateOnly withdrawnOn, string reason, Actor actor)
    {
        RequireDrafter(actor, "withdraw it");
        var edition = Open ?? throw RuleViolationException.Precondition("lifecycle.withdraw", Id,
            $"agreement {Id} is {Dates.Token(Record.Editions[^1].Status)}; only an edition not yet in force can be withdrawn.");
        edition.Status = AgreementStatus.Withdrawn;
        edition.WithdrawnOn = Dates.Format(withdrawnOn);
        edition.WithdrawalReason = reason;
        RefreshAwaiting();
        return new Change("withdraw", ["status"], withdrawnOn, reason);
    }

    public Change Amend(AgreementContent content, string reason, Actor actor, DateOnly today)
    {
        RequireSignatory(actor, "amend it");
        if (Open is { } open)
        {
            throw RuleViolationException.Precondition("lifecycle.amend", Id,
                $"edition {open.Number} of agreement {Id} is {Dates.Token(open.Status)}: finish or withdraw it before amending again.");
        }

        var inForce = InForce ?? throw RuleViolationException.Precondition("lifecycle.amend", Id,
            $"agreement {Id} is {Dates.Token(Record.Editions[^1].Status)}; only an agreement in force is amended (a draft is revised).");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuleViolationException.Invalid("reason", "required: why the agreement is amended.");
        }

        var edition = new Edition { Number = Record.Editions.Count + 1, Status = AgreementStatus.Draft, Content = content.Clone(), AmendmentReason = reason };
        KeepOrigins(edition.Content.Goals, inForce.Content.Goals, actor);
        Record.Editions.Add(edition);
        RefreshAwaiting();
        return new Change("amend", ["editions", .. ChangedFields(inForce.Content, edition.Content)], today, reason);
    }

    public Change Close(DateOnly closedOn, string note, Actor actor)
    {
        RequireDrafter(actor, "close it");
        var edition = InForce ?? throw RuleViolationException.Precondition("lifecycle.close", Id,
            $"agreement {Id} has no edition in force; only an agreement in force is closed after the final assessment.");
        if (closedOn.Year <= Header.Year)
        {
            throw RuleViolationException.Precondition("lifecycle.close_in_year", "closed_on",
                $"agreement {Id} is for {Header.Year}; it is closed after the year's final assessment, not on {Dates.Format(closedOn)}.");
        }

        if (Open is { } open)
        {
            throw RuleViolationException.Precondition("lifecycle.close", Id, $"edition {open.Number} (an amendment) is still {Dates.Token(open.Status)}: withdraw it first.");
        }

        edition.Status = AgreementStatus.Closed;
        edition.ClosedOn = Dates.Format(closedOn);
        return new Change("close", ["status"], closedOn, note);
    }

    public Change SetPublication(bool released, DateOnly on, Actor actor)
    {
        RequireDrafter(actor, released ? "release it for publication" : "take back its release");
        Header.Released = released;
        Header.ReleasedOn = released ? Dates.Format(on) : "";
        return new Change(released ? "release" : "withdraw_release", ["released"], on);
    }

    public Document AttachDocument(string title, string mediaType, bool partOfAgreement, long size, string sha256, Actor actor, DateOnly today)
    {
        RequireParty(actor, "attach a document to it");
        if (partOfAgreement && Open is null)
        {
            throw RuleViolationException.Precondition("lifecycle.signed_content", Id,
                $"agreement {Id} has no edition being negotiated: a document that forms part of it would change signed content (amend it).");
        }

        var document = new Document
        {
            Id = "doc" + (++Record.LastDocument).ToString(CultureInfo.InvariantCulture),
            Title = title,
            MediaType = mediaType,
            SizeBytes = size,
            Sha256 = sha256,
            PartOfAgreement = partOfAgreement,
            AddedOn = Dates.Format(today),
            RecordedBy = actor.RecordedBy,
        };
        Header.Documents.Add(document);
        return document;
    }

    public Dialogue ScheduleDialogue(DialogueKind kind, DateOnly plannedOn, string place, string analysisDocument, string analysisLink, Actor actor)
    {
        RequireParty(actor, "schedule a dialogue");
        if (InForce is null && Record.Editions.All(e => e.Status != AgreementStatus.Closed))
        {
            throw RuleViolationException.Precondition("dialogue.not_in_force", Id,
                $"agreement {Id} is not in force; target dialogues follow up an agreement in force.");
        }

        RequireDocument(analysisDocument, "analysis_document_id");
        var dialogue = new Dialogue
        {
            Id = "d" + (++Record.LastDialogue).ToString(CultureInfo.InvariantCulture),
            Kind = kind,
            PlannedOn = Dates.Format(plannedOn),
            Place = place,
            AnalysisDocumentId = analysisDocument,
            AnalysisLink = analysisLink,
        };
        Header.Dialogues.Add(dialogue);
        return dialogue;
    }

    public Dialogue RecordDialogue(string dialogueId, DateOnly heldOn, string minutes, string analysisDocument, string analysisLink, Actor actor)
    {
        RequireParty(actor, "record a dialogue");
        var dialogue = DialogueOf(dialogueId);
        if (dialogue.HeldOn.Length > 0)
        {
            throw RuleViolationException.Precondition("dialogue.held", dialogueId, $"dialogue {dialogueId} of agreement {Id} was recorded as held on {dialogue.HeldOn} already.");
        }

        RequireDocument(analysisDocument, "analysis_document_id");
        dialogue.HeldOn = Dates.Format(heldOn);
        dialogue.Minutes = minutes;
        if (analysisDocument.Length > 0)
        {
            dialogue.AnalysisDocumentId = analysisDocument;
        }

        if (analysisLink.Length > 0)
        {
            dialogue.AnalysisLink = analysisLink;
        }

        return dialogue;
    }

    public Change SubmitAssessment(string dialogueId, string text, DateOnly submittedOn, Actor actor)
    {
        RequireParty(actor, "submit an assessment");
        var dialogue = DialogueOf(dialogueId);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RuleViolationException.Invalid("text", "required: the written assessment.");
        }

        dialogue.Assessments.Add(new Assessment { PartyId = actor.PartyId, Text = text, SubmittedOn = Dates.Format(submittedOn), RecordedBy = actor.RecordedBy });
        return new Change("submit_assessment", [$"dialogues.{dialogueId}.assessments"], submittedOn);
    }

    public SteeringMeasure AddMeasure(string dialogueId, string title, string owner, DateOnly dueOn, Actor actor)
    {
        RequireParty(actor, "agree a measure");
        var dialogue = DialogueOf(dialogueId);
        if (PartyOf(owner) is null)
        {
            throw RuleViolationException.Precondition("dialogue.measure_owner", owner, $"the owner of a measure is a party of agreement {Id} ({string.Join(", ", PartyIds)}); {owner} is not.");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            throw RuleViolationException.Invalid("title", "required: what is to be done.");
        }

        var measure = new SteeringMeasure
        {
            Id = "m" + (++Record.LastMeasure).ToString(CultureInfo.InvariantCulture),
            Title = title,
            OwnerPartyId = owner,
            DueOn = Dates.Format(dueOn),
            State = MeasureState.Open,
        };
        dialogue.Measures.Add(measure);
        return measure;
    }

    public SteeringMeasure UpdateMeasure(string dialogueId, string measureId, MeasureState state, string followUp, Actor actor)
    {
        RequireParty(actor, "follow up a measure");
        var measure = DialogueOf(dialogueId).Measures.FirstOrDefault(m => m.Id == measureId)
            ?? throw new NotFoundException("zielsteuerung.agreements.v1.SteeringMeasure", measureId, $"dialogue {dialogueId} of agreement {Id} has no measure '{measureId}'.");
        if (measure.State is MeasureState.Done or MeasureState.Dropped && state != measure.State)
        {
            throw RuleViolationException.Precondition("dialogue.measure_final", measureId,
                $"measure {measureId} is {Dates.Token(measure.State)} already; a finished measure is not reopened (agree a new one).");
        }

        if (state == MeasureState.Unspecified)
        {
            throw RuleViolationException.Invalid("state", "required: open, in progress, done or dropped.");
        }

        measure.State = state;
        if (followUp.Length > 0)
        {
            measure.FollowUp = followUp;
        }

        return measure;
    }

    public AgreementParty? PartyOf(string partyId) => Header.Parties.FirstOrDefault(p => p.PartyId == partyId);

    /// <summary>The parties whose signature or consent the edition needs.</summary>
    public IEnumerable<string> Signers() => Header.Parties.Where(p => p.Role is PartyRole.Signatory or PartyRole.Consenting).Select(p => p.PartyId);

    private void RefreshAwaiting()
    {
        foreach (var edition in Record.Editions)
        {
            edition.AwaitingSignature.Clear();
            if (OpenStatuses.Contains(edition.Status))
            {
                edition.AwaitingSignature.AddRange(Signers().Where(p => edition.Signatures.All(s => s.PartyId != p)));
            }
        }
    }

    private Edition EditableEdition(string rule)
    {
        var newest = Record.Editions[^1];
        if (newest.Signatures.Count > 0 || newest.Status is AgreementStatus.InForce or AgreementStatus.Closed or AgreementStatus.Superseded)
        {
            throw RuleViolationException.Precondition("lifecycle.signed_content", Id,
                $"edition {newest.Number} of agreement {Id} is signed by {string.Join(", ", newest.Signatures.Select(s => s.PartyId))}: signed content never changes; amend the agreement instead.");
        }

        if (newest.Status is not (AgreementStatus.Draft or AgreementStatus.LocalGoalsRequested or AgreementStatus.Negotiation))
        {
            throw RuleViolationException.Precondition(rule, Id, $"edition {newest.Number} of agreement {Id} is {Dates.Token(newest.Status)} and cannot be edited.");
        }

        return newest;
    }

    private Edition EditionIn(string rule, string expectation, AgreementStatus status)
    {
        var newest = Record.Editions[^1];
        if (newest.Status != status)
        {
            throw RuleViolationException.Precondition(rule, Id, $"{expectation}; edition {newest.Number} of agreement {Id} is {Dates.Token(newest.Status)}.");
        }

        return newest;
    }

    private Dialogue DialogueOf(string dialogueId) => Header.Dialogues.FirstOrDefault(d => d.Id == dialogueId)
        ?? throw new NotFoundException("zielsteuerung.agreements.v1.Dialogue", dialogueId, $"agreement {Id} has no dialogue '{dialogueId}'.");

    private void RequireDocument(string documentId, string field)
    {
        if (documentId.Length > 0 && Header.Documents.All(d => d.Id != documentId))
        {
            throw RuleViolationException.Precondition("dialogue.analysis_document", field, $"agreement {Id} has no document '{documentId}': attach it first.");
        }
    }

    private void RequireParty(Actor actor, string what)
    {
        if (PartyOf(actor.PartyId) is null)
        {
            throw NotAParty(actor, what);
        }
    }

    private void RequireSignatory(Actor actor, string what)
    {
        var party = PartyOf(actor.PartyId) ?? throw NotAParty(actor, what);
        if (party.Role != PartyRole.Signatory)
        {
            throw new NotPermittedException("NOT_A_SIGNATORY", $"only a signatory of agreement {Id} may {what}; {actor.PartyId} is {Dates.Token(party.Role)}.");
        }
    }

    private void RequireDrafter(Actor actor, string what)
    {
        if (actor.PartyId != Header.DraftingPartyId)
        {
            throw new NotPermittedException("NOT_THE_DRAFTING_PARTY",
                $"only the drafting party {Header.DraftingPartyId} may {what} of agreement {Id}; client '{actor.ClientId}' acts for '{actor.PartyId}'.");
        }
    }

    private NotPermittedException NotAParty(Actor actor, string what) => new("NOT_A_PARTY",
        $"client '{actor.ClientId}' acts for '{actor.PartyId}', which is not a party of agreement {Id} ({string.Join(", ", PartyIds)}), so it may not {what}.");

    /// <summary>
    /// Goals keep where they came from across a revision or an amendment (a local goal stays local when the drafter
    /// rewords it); a goal that is new comes from the draft, added by <paramref name="actor"/>'s party.
    /// </summary>
    private static void KeepOrigins(IEnumerable<Goal> goals, IEnumerable<Goal> before, Actor actor)
    {
        var origins = before.ToDictionary(g => g.Id, g => (g.Origin, g.AddedByPartyId), StringComparer.Ordinal);
        foreach (var goal in goals)
        {
            (goal.Origin, goal.AddedByPartyId) = origins.TryGetValue(goal.Id, out var origin) ? origin : (GoalOrigin.Draft, actor.PartyId);
        }
    }

    private static void MarkOrigin(IEnumerable<Goal> goals, GoalOrigin origin, string party)
    {
        foreach (var goal in goals)
        {
            goal.Origin = origin;
            goal.AddedByPartyId = party;
        }
    }

    /// <summary>The top-level content fields that differ ("content.goals", "content.preamble", …).</summary>
    private static List<string> ChangedFields(AgreementContent before, AgreementContent after)
    {
        var changed = new List<string>();
        foreach (var field in AgreementContent.Descriptor.Fields.InFieldNumberOrder())
        {
            if (!Equals(Normalized(field.Accessor.GetValue(before)), Normalized(field.Accessor.GetValue(after))))
            {
                changed.Add("content." + field.Name);
            }
        }

        return changed;

        static object? Normalized(object? value) => value switch
        {
            Google.Protobuf.IMessage message => message.ToString(),
            System.Collections.IEnumerable list and not string => string.Join("\u001f", list.Cast<object>().Select(i => i.ToString())),
            _ => value,
        };
    }
}
