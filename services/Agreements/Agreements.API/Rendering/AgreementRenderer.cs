using System.Net;
using Agreements.API.Model;
using Markdig;
using Zielsteuerung.Agreements.V1;
using static Agreements.API.Rendering.GermanText;

namespace Agreements.API.Rendering;

/// <summary>
/// An edition of an agreement as a readable document in the structure of the signed originals (seeds 001 and 004):
/// title, the parties "vertreten durch …", the sentence naming the legal basis, Grundsätze, Rahmenbedingungen, budget,
/// goals with their targets in words and numbers, free sections, cooperation and dialogues, then places, dates and
/// signatures. The content has no positions of its own, so this order is fixed. Drafts, returned and withdrawn
/// editions say so in status lines under the heading.
/// Input: the contract's <see cref="Agreement"/>, whose <c>edition</c> is the edition rendered and whose parties carry
/// the registry's names. Every text of the agreement is escaped (<see cref="MarkdownText"/>); the HTML is that
/// Markdown converted by Markdig with raw HTML disabled.
/// </summary>
internal static class AgreementRenderer
{
    public const string MarkdownMediaType = "text/markdown; charset=utf-8";
    public const string HtmlMediaType = "text/html; charset=utf-8";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>The edition in the requested format (unspecified = Markdown).</summary>
    public static RenderedAgreement Render(Agreement agreement, RenderFormat format) => new()
    {
        MediaType = format == RenderFormat.Html ? HtmlMediaType : MarkdownMediaType,
        Text = format == RenderFormat.Html ? Html(agreement) : Markdown(agreement),
        Edition = agreement.Edition?.Number ?? 0,
    };

    /// <summary>A complete HTML document (UTF-8, lang="de").</summary>
    public static string Html(Agreement agreement)
    {
        var body = Markdig.Markdown.ToHtml(Markdown(agreement), Pipeline);
        var title = WebUtility.HtmlEncode(agreement.Edition?.Content?.Title is { Length: > 0 } t ? t : agreement.Id);
        return $"<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n";
    }

    public static string Markdown(Agreement agreement)
    {
        var edition = agreement.Edition ?? new Edition();
        var content = edition.Content ?? new AgreementContent();
        var md = new MarkdownText();

        Title(md, content.Title.Length > 0 ? content.Title : "Zielvereinbarung " + agreement.Year);
        PartiesBlock(md, agreement);
        Status(md, agreement, edition);
        LegalBasisSentence(md, agreement, content);

        if (content.Preamble.Length > 0)
        {
            md.Heading(2, "Grundsätze").Prose(content.Preamble);
        }

        foreach (var document in agreement.Documents.Where(d => d.PartOfAgreement))
        {
            md.Block($"Das Dokument „{MarkdownText.Escape(document.Title)}“ ist Bestandteil der Zielvereinbarung.");
        }

        if (content.FrameworkConditions.Length > 0)
        {
            md.Heading(2, "Rahmenbedingungen").Prose(content.FrameworkConditions);
        }

        var budgetSection = content.Sections.FirstOrDefault(s => s.Heading.Contains("Haushalt", StringComparison.OrdinalIgnoreCase));
        if (content.Budget.Count > 0 && budgetSection is null)
        {
            md.Heading(2, "Haushaltsmittel");
            Budget(md, content);
        }

        Goals(md, agreement, edition, content);

        if (content.TargetGroups.Count > 0)
        {
            md.Heading(2, "Zielgruppen").List(content.TargetGroups.Select(t => MarkdownText.Escape(t)));
        }

        foreach (var section in content.Sections)
        {
            md.Heading(2, section.Heading);
            if (section == budgetSection)
            {
                BudgetSection(md, section, content);
            }
            else
            {
                md.Prose(section.Text);
            }

            if (section.ReferencedAgreementIds.Count > 0)
            {
                md.Block($"Bezug: {section.ReferencedAgreementIds.Count} Vereinbarungen ({MarkdownText.Escape(string.Join(", ", section.ReferencedAgreementIds))}).");
            }
        }

        if (content.DialoguePlan is { } plan && (plan.Text.Length > 0 || plan.PerYear > 0))
        {
            md.Heading(2, "Zusammenarbeit").Prose(plan.Text);
            if (plan.PerYear > 0)
            {
                md.Block($"Vereinbart sind mindestens {plan.PerYear} Steuerungsdialoge im Jahr.");
            }
        }

        CommitteeNotices(md, agreement);

        var attachments = agreement.Documents.Where(d => !d.PartOfAgreement).ToList();
        if (attachments.Count > 0)
        {
            md.Heading(2, "Anlagen").List(attachments.Select(d => MarkdownText.Escape(d.Title)));
        }

        Signatures(md, agreement, edition);
        return md.ToString();
    }

    private static void Title(MarkdownText md, string title)
    {
        // "Vereinbarung zur Erreichung der Ziele …" → "Vereinbarung" over "zur Erreichung der Ziele …", as in seed 001.
        var split = new[] { " zur ", " zwischen ", " über " }
            .Select(marker => title.IndexOf(marker, StringComparison.Ordinal))
            .Where(i => i > 0)
            .DefaultIfEmpty(-1)
            .Min();
        if (split > 0)
        {
            md.Heading(1, title[..split]).Bold(title[(split + 1)..]);
        }
        else
        {
            md.Heading(1, title);
        }
    }

    private static void PartiesBlock(MarkdownText md, Agreement agreement)
    {
        var concluding = agreement.Parties.Where(p => p.Role == PartyRole.Signatory).ToList();
        for (var i = 0; i < concluding.Count; i++)
        {
            var party = concluding[i];
            var name = NameOf(party);
            var lead = i == 0 ? "zwischen" : i == concluding.Count - 1 ? "und" : "sowie";
            md.Block($"{lead} {Dative(name)}");
            md.Bold(party.Designation.Length > 0 ? $"{name} {party.Designation}" : name);
            Representative(md, party);
        }

        foreach (var party in agreement.Parties.Where(p => p.Role == PartyRole.Consenting))
        {
            md.Block($"im Einvernehmen mit {Dative(NameOf(party))} **{MarkdownText.Escape(NameOf(party))}**");
            Representative(md, party);
        }

        var concerned = agreement.Parties.Where(p => p.Role == PartyRole.Concerned).Select(p => MarkdownText.Escape(NameOf(p))).ToList();
        if (concerned.Count > 0)
        {
            md.Block($"Beteiligt ohne Unterschrift: {Enumerate(concerned)}");
        }
    }

    private static void Representative(MarkdownText md, AgreementParty party)
    {
        if (party.RepresentedBy is { } by && (by.Name.Length > 0 || by.Role.Length > 0))
        {
            var words = new[] { by.Salutation, by.Role, by.Name }.Where(w => w.Length > 0);
            md.Paragraph("vertreten durch " + string.Join(" ", words));
        }
    }

    private static void Status(MarkdownText md, Agreement agreement, Edition edition)
    {
        var lines = new List<string>();
        if (edition.Number > 1)
        {
            lines.Add($"Änderung der Zielvereinbarung (Fassung {edition.Number})" + (edition.AmendmentReason.Length > 0 ? ": " + MarkdownText.Escape(edition.AmendmentReason) : ""));
        }

        switch (edition.Status)
        {
            case AgreementStatus.Draft:
                lines.Add("**Entwurf**");
                break;
            case AgreementStatus.LocalGoalsRequested:
                lines.Add("**Entwurf** – lokale Ziele angefordert");
                break;
            case AgreementStatus.Negotiation:
                lines.Add("**Entwurf** – in Verhandlung");
                break;
            case AgreementStatus.Signing:
                lines.Add("**Entwurf** – in Unterzeichnung; ausstehende Unterschriften: " + Enumerate(edition.AwaitingSignature.Select(id => MarkdownText.Escape(NameOf(agreement, id))).ToList()));
                break;
            case AgreementStatus.InForce:
                lines.Add($"In Kraft seit dem {Date(edition.InForceOn)}");
                break;
            case AgreementStatus.Closed:
                lines.Add($"Abgeschlossen am {Date(edition.ClosedOn)}");
                break;
            case AgreementStatus.Superseded:
                lines.Add($"Ersetzt durch eine Änderung am {Date(edition.SupersededOn)}");
                break;
            case AgreementStatus.Returned when edition.Returned is { } returned:
                lines.Add($"**Zurückgesandt am {Date(returned.ReturnedOn)} ohne Unterschrift** {From(NameOf(agreement, returned.PartyId))}: {MarkdownText.Escape(returned.Reason)}");
                break;
            case AgreementStatus.Withdrawn:
                lines.Add($"**Zurückgezogen am {Date(edition.WithdrawnOn)}**" + (edition.WithdrawalReason.Length > 0 ? ": " + MarkdownText.Escape(edition.WithdrawalReason) : ""));
                break;
        }

        if (edition.LocalGoals is { PartyId.Length: > 0 } request)
        {
            lines.Add($"Lokale Ziele angefordert {From(NameOf(agreement, request.PartyId))} am {Date(request.RequestedOn)} bis zum {Date(request.Deadline)}"
                + (request.AddedOn.Length > 0 ? $", ergänzt am {Date(request.AddedOn)}" : ", noch nicht ergänzt"));
        }

        if (lines.Count > 0)
        {
            md.Block(string.Join("\n>\n", lines.Select(l => "> " + l)));
        }
    }

    private static void LegalBasisSentence(MarkdownText md, Agreement agreement, AgreementContent content)
    {
        md.Paragraph(content.LegalBasisText.Length > 0 ? content.LegalBasisText : GeneratedLegalBasis(agreement));
        md.Block("**Zielvereinbarung**");
    }

    /// <summary>"Gemäß § 48b Abs. 1 S. 1 Nr. 4 des Zweiten Buches Sozialgesetzbuch (SGB II) schließen das … und der … folgende".</summary>
    internal static string GeneratedLegalBasis(Agreement agreement)
    {
        var clause = agreement.LegalBasis switch
        {
            LegalBasis.Sgb248BNr1 => "Gemäß § 48b Abs. 1 S. 1 Nr. 1 des Zweiten Buches Sozialgesetzbuch (SGB II)",
            LegalBasis.Sgb248BNr2 => "Gemäß § 48b Abs. 1 S. 1 Nr. 2 des Zweiten Buches Sozialgesetzbuch (SGB II)",
            LegalBasis.Sgb248BNr3 => "Gemäß § 48b Abs. 1 S. 1 Nr. 3 des Zweiten Buches Sozialgesetzbuch (SGB II)",
            LegalBasis.Sgb248BNr4 => "Gemäß § 48b Abs. 1 S. 1 Nr. 4 des Zweiten Buches Sozialgesetzbuch (SGB II)",
            LegalBasis.StateLaw when agreement.State == "DE-NW" =>
                "Gemäß § 2a des Gesetzes zur Ausführung des Zweiten Buches Sozialgesetzbuch für das Land Nordrhein-Westfalen (AG-SGB II NRW)",
            LegalBasis.StateLaw => "Gemäß dem Ausführungsgesetz des Landes zum Zweiten Buch Sozialgesetzbuch (SGB II)",
            LegalBasis.Local => "Zur Umsetzung der kommunalen Aufgaben nach § 6 Abs. 1 Nr. 2 des Zweiten Buches Sozialgesetzbuch (SGB II)",
            LegalBasis.Multilateral => "Gemäß § 48b des Zweiten Buches Sozialgesetzbuch (SGB II)",
            _ => "Nach dem Zweiten Buch Sozialgesetzbuch (SGB II)",
        };
        var signatories = agreement.Parties.Where(p => p.Role == PartyRole.Signatory).Select(p => NominativeWithShortName(p)).ToList();
        var consent = agreement.Parties.Where(p => p.Role == PartyRole.Consenting).Select(p => $"{Dative(NameOf(p))} {NameOf(p)}").ToList();
        var verb = signatories.Count == 1 ? "schließt" : "schließen";
        var withConsent = consent.Count > 0 ? " im Einvernehmen mit " + Enumerate(consent) : "";
        return $"{clause} {verb} {Enumerate(signatories)}{withConsent} zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende für das Jahr {agreement.Year} folgende";
    }

    private static string NominativeWithShortName(AgreementParty party)
    {
        var name = NameOf(party);
        var shortName = party.ShortName.Length > 0 && party.ShortName != name ? $" ({party.ShortName})" : "";
        return $"{Nominative(name)} {name}{shortName}";
    }

    private static void Budget(MarkdownText md, AgreementContent content)
    {
        var lines = content.Budget.Select((figure, i) =>
        {
            var wording = figure.Wording.Length > 0 ? figure.Wording : figure.Kind switch
            {
                BudgetKind.Vwt => "für Verwaltungskosten (VWT)",
                BudgetKind.Egt => "für Leistungen zur Eingliederung in Arbeit (EGT)",
                _ => "",
            };
            return $"{i + 1}. {MarkdownText.Escape(wording)} {Euro(figure.AmountCents)}";
        });
        md.Block(string.Join("\n", lines));
    }

    /// <summary>The section the budget belongs to (seed 004 § 2): its figures follow the paragraph that announces them.</summary>
    private static void BudgetSection(MarkdownText md, Section section, AgreementContent content)
    {
        var paragraphs = section.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n");
        var announcing = Array.FindIndex(paragraphs, p => p.TrimEnd().EndsWith(':'));
        var at = announcing < 0 ? paragraphs.Length : announcing + 1;
        md.Prose(string.Join("\n\n", paragraphs[..at]));
        Budget(md, content);
        md.Prose(string.Join("\n\n", paragraphs[at..]));
    }

    private static void Goals(MarkdownText md, Agreement agreement, Edition edition, AgreementContent content)
    {
        if (content.Goals.Count == 0)
        {
            return;
        }

        md.Heading(2, $"Ziele {agreement.Year}");
        foreach (var goal in content.Goals)
        {
            md.Heading(3, goal.Heading.Length > 0 ? goal.Heading : goal.Id);
            if (goal.Origin == GoalOrigin.Local)
            {
                var by = goal.AddedByPartyId.Length > 0 ? " " + FromPlain(NameOf(agreement, goal.AddedByPartyId)) : "";
                var on = edition.LocalGoals is { AddedOn.Length: > 0 } request ? " am " + Date(request.AddedOn) : "";
                md.Italic($"Lokales Ziel, eingebracht{by}{on}");
            }

            md.Prose(goal.Text);
            if (goal.TargetGroups.Count > 0)
            {
                md.Paragraph("Zielgruppe: " + string.Join("; ", goal.TargetGroups.Select(g => g.Label)));
            }

            foreach (var target in goal.Targets)
            {
                md.Bold(target.Label);
                md.Paragraph(target.Wording);
                md.List([TargetInWords(agreement, target)]);
            }

            if (goal.Observations.Count > 0)
            {
                md.Paragraph("Beobachtet wird (Monitoring):");
                md.List(goal.Observations.Select(o => ObservationInWords(agreement, o)));
            }

            if (goal.Qualitative.Count > 0)
            {
                md.List(goal.Qualitative.Select(t => MarkdownText.Escape(t)));
            }
        }
    }

    /// <summary>"Zielwert II.1: Zahl der Integrationen (Zähler von K2), Jahressumme: mindestens +2,1 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten nach Wartezeit".</summary>
    internal static string TargetInWords(Agreement agreement, Target target)
    {
        var measure = MeasureName(target.Measure);
        var what = Indicator(target.Indicator) + (measure.Length > 0 ? ", " + measure : "");
        var value = target.Comparison switch
        {
            Comparison.RelativeChange => $"{DirectionName(target.Direction)} {Decimal(target.Value, signed: true)} % gegenüber dem Vorjahr",
            _ => $"{DirectionName(target.Direction)} {Decimal(target.Value)}{Unit(target.Indicator)}",
        };
        var details = new[] { ScopeName(agreement, target.Scope), DataBasisName(target.DataBasis), SexName(target.Sex) }.Where(d => d.Length > 0);
        return MarkdownText.Escape($"Zielwert {target.Id}: {what}: {value.Trim()} – {string.Join("; ", details)}");
    }

    internal static string ObservationInWords(Agreement agreement, Observation observation)
    {
        var facts = new List<string>();
        var indicator = Indicator(observation.Indicator);
        if (indicator.Length > 0)
        {
            facts.Add(indicator);
        }

        facts.Add(MeasureName(observation.Measure));
        if (observation.Comparison == Comparison.RelativeChange)
        {
            facts.Add("Veränderung gegenüber dem Vorjahr");
        }

        facts.Add(ScopeName(agreement, observation.Scope));
        facts.Add(SexName(observation.Sex));
        if (observation.TargetGroup is { } group && (group.Label.Length > 0 || group.Kind != TargetGroupKind.Unspecified))
        {
            facts.Add("Zielgruppe: " + group.Label);
        }

        var typed = string.Join("; ", facts.Where(f => f.Length > 0));
        var text = observation.Wording.Length > 0 ? observation.Wording + (typed.Length > 0 ? $" ({typed})" : "") : typed;
        return MarkdownText.Escape(text);
    }

    private static string Unit(Indicator? indicator) => indicator?.KindCase switch
    {
        Zielsteuerung.Agreements.V1.Indicator.KindOneofCase.Custom when indicator.Custom.Unit.Length > 0 => " " + indicator.Custom.Unit,
        Zielsteuerung.Agreements.V1.Indicator.KindOneofCase.KeyFigure when indicator.KeyFigure.Part == KeyFigurePart.Value => " %",
        _ => "",
    };

    private static string ScopeName(Agreement agreement, Scope? scope) => scope?.KindCase switch
    {
        Scope.KindOneofCase.JobcenterId => NameOf(agreement, scope.JobcenterId),
        Scope.KindOneofCase.Group => GroupName(scope.Group),
        _ => "",
    };

    private static void CommitteeNotices(MarkdownText md, Agreement agreement)
    {
        if (agreement.CommitteeNotices.Count == 0)
        {
            return;
        }

        md.Heading(2, "Kenntnisnahme");
        foreach (var notice in agreement.CommitteeNotices)
        {
            var whose = notice.PartyId.Length > 0 ? $" ({NameOf(agreement, notice.PartyId)})" : "";
            var reference = notice.Reference.Length > 0 ? $", {notice.Reference}" : "";
            md.Paragraph($"Zur Kenntnis genommen: {notice.Committee}{whose} am {Date(notice.NoticedOn)}{reference}");
            md.Prose(notice.Note);
        }
    }

    private static void Signatures(MarkdownText md, Agreement agreement, Edition edition)
    {
        foreach (var party in agreement.Parties.Where(p => p.Role is PartyRole.Signatory or PartyRole.Consenting))
        {
            var name = NameOf(party);
            var signature = edition.Signatures.FirstOrDefault(s => s.PartyId == party.PartyId);
            if (signature is not null && signature.Place.Length > 0)
            {
                md.Paragraph($"{signature.Place}, den {Date(signature.SignedOn)}");
            }
            else if (signature is not null)
            {
                md.Paragraph($"den {Date(signature.SignedOn)}");
            }

            var lead = party.Role == PartyRole.Consenting ? "Einvernehmen erteilt für" : "Für";
            md.Block($"**{lead} {Accusative(name)} {MarkdownText.Escape(name)}**");
            if (signature is not null)
            {
                md.Paragraph(string.Join(", ", new[] { signature.Signatory, signature.SignatoryRole }.Where(w => w.Length > 0)));
            }
            else if (edition.Returned is { } returned && returned.PartyId == party.PartyId)
            {
                md.Paragraph($"(ohne Unterschrift zurückgesandt am {Date(returned.ReturnedOn)})");
            }
            else
            {
                md.Paragraph("(nicht unterzeichnet)");
            }
        }
    }

    /// <summary>"vom Kreis Unna", "von der Stadt Essen" (escaped Markdown).</summary>
    private static string From(string name) => MarkdownText.Escape(FromPlain(name), lineStart: false);

    private static string FromPlain(string name) => (GenusOf(name) == Genus.Feminine ? "von der " : "vom ") + name;

    private static string NameOf(AgreementParty party) => party.Name.Length > 0 ? party.Name : party.PartyId;

    private static string NameOf(Agreement agreement, string partyId) =>
        agreement.Parties.FirstOrDefault(p => p.PartyId == partyId) is { } party ? NameOf(party) : partyId;
}
