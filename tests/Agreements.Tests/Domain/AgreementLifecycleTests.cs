using Agreements.API.Model;
using Agreements.Tests.Seeds;
using Zielsteuerung.Agreements.V1;
using static Agreements.Tests.Seeds.SeedReplay;

namespace Agreements.Tests.Domain;

/// <summary>The life of an agreement (DOMAIN.md § 2) through the aggregate, told with the seeds.</summary>
public sealed class AgreementLifecycleTests
{
    private static readonly Actor Mags = Actor("mags-nrw");
    private static readonly Actor KreisBorken = Actor("kt-05554");
    private static readonly Actor JobcenterBorken = Actor("jc-05554");
    private static readonly Actor KreisUnna = Actor("kt-05978");

    // ---------------------------------------------------------------------------------------------------- signing

    [Fact]
    public void Borken_is_in_force_on_the_day_MAGS_signed()
    {
        var borken = Replay(SeedAgreements.Borken2018);

        var edition = Assert.Single(borken.Record.Editions);
        Assert.Equal(AgreementStatus.InForce, edition.Status);
        Assert.Equal("2018-02-22", edition.InForceOn);
        Assert.Empty(edition.AwaitingSignature);
        Assert.Equal(["kt-05554", "mags-nrw"], edition.Signatures.Select(s => s.PartyId));
        Assert.Equal(("Borken", "2018-01-29", "Dr. Kai Zwicker"), (edition.Signatures[0].Place, edition.Signatures[0].SignedOn, edition.Signatures[0].Signatory));
        Assert.Equal("mags-nrw (mags-nrw)", edition.Signatures[1].RecordedBy);
        Assert.Same(edition, borken.InForce);
    }

    [Fact]
    public void Borken_signed_by_the_Kreis_on_29_January_awaits_MAGS()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 3);

        Assert.Equal(AgreementStatus.Signing, borken.Current.Status);
        Assert.Equal(["mags-nrw"], borken.Current.AwaitingSignature);
        Assert.Equal("", borken.Current.InForceOn);
        Assert.Null(borken.InForce);
    }

    [Fact]
    public void Borken_comes_into_force_on_the_latest_signing_date_whatever_order_the_signatures_are_recorded_in()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 2);
        borken.Sign(Signed("Dr. Edmund Heller", "Düsseldorf", "2018-02-22"), Mags);
        borken.Sign(Signed("Dr. Kai Zwicker", "Borken", "2018-01-29"), KreisBorken);

        Assert.Equal(AgreementStatus.InForce, borken.Current.Status);
        Assert.Equal("2018-02-22", borken.Current.InForceOn);
    }

    [Fact]
    public void BmasNrw2016_is_in_force_when_BMAS_signed_in_Berlin_on_24_October()
    {
        var agreement = Replay(SeedAgreements.BmasNrw2016);

        Assert.Equal(AgreementStatus.InForce, agreement.Current.Status);
        Assert.Equal("2016-10-24", agreement.Current.InForceOn);
        Assert.Equal(["mags-nrw", "bmas"], agreement.Current.Signatures.Select(s => s.PartyId));
    }

    [Fact]
    public void The_Kreis_Borken_cannot_sign_twice()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 3);

        var violation = Refused(() => borken.Sign(Signed("Dr. Kai Zwicker", "Borken", "2018-02-01"), KreisBorken));

        Assert.Equal(("lifecycle.sign_twice", "kt-05554"), (violation.Rule, violation.Subject));
    }

    [Fact]
    public void Borken_2018_cannot_be_signed_in_2019()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 3);

        var violation = Refused(() => borken.Sign(Signed("Dr. Edmund Heller", "Düsseldorf", "2019-01-07"), Mags));

        Assert.Equal(("lifecycle.sign_after_year", "signed_on"), (violation.Rule, violation.Subject));
    }

    [Fact]
    public void Borken_cannot_be_signed_before_its_date()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 1);

        var violation = Refused(() => borken.Sign(Signed("Dr. Kai Zwicker", "Borken", "2018-01-14"), KreisBorken));

        Assert.Equal("lifecycle.sign_before_draft", violation.Rule);
    }

    [Fact]
    public void A_draft_may_be_signed_at_once_but_not_while_local_goals_are_awaited()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 0);
        borken.Sign(Signed("Dr. Kai Zwicker", "Borken", "2018-01-29"), KreisBorken);
        Assert.Equal(AgreementStatus.Signing, borken.Current.Status);

        var unna = Replay(SeedAgreements.Unna2012, steps: 1);
        var violation = Refused(() => unna.Sign(Signed("", "Unna", "2012-01-20"), KreisUnna));
        Assert.Equal("lifecycle.sign", violation.Rule);
        Assert.Contains("local goals are still awaited from kt-05978", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_edition_cannot_be_edited()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 3);
        var content = borken.Current.Content.Clone();
        content.Goals[2].Targets[1].Value = "3.0";

        var violation = Refused(() => borken.Revise(content, null, Mags, "", Today));

        Assert.Equal("lifecycle.signed_content", violation.Rule);
    }

    [Fact]
    public void A_document_cannot_become_part_of_an_agreement_in_force()
    {
        var borken = Replay(SeedAgreements.Borken2018);

        var violation = Refused(() => borken.AttachDocument("Nachtrag", "application/pdf", true, 10, new string('0', 64), Mags, Today));
        Assert.Equal("lifecycle.signed_content", violation.Rule);

        var attachment = borken.AttachDocument("Protokoll des Steuerungsdialogs", "application/pdf", false, 10, new string('0', 64), KreisBorken, Today);
        Assert.Equal("doc2", attachment.Id);
    }

    // ---------------------------------------------------------------------------------------------------- permissions

    [Fact]
    public void The_Jobcenter_Borken_is_concerned_and_does_not_sign()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 1);

        Assert.Equal("NOT_A_SIGNATORY", Denied(() => borken.Sign(Signed("", "Borken", "2018-01-30"), JobcenterBorken)));
        Assert.Equal("NOT_A_SIGNATORY", Denied(() => borken.ReturnUnsigned(new DateOnly(2018, 1, 30), "nein", JobcenterBorken)));
    }

    [Fact]
    public void BMAS_is_no_party_of_the_Borken_agreement()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 1);

        Assert.Equal("NOT_A_PARTY", Denied(() => borken.Sign(Signed("Thorben Albrecht", "Berlin", "2018-02-01"), Actor("bmas"))));
        Assert.Equal("NOT_A_PARTY", Denied(() => borken.RecordCommitteeNotice(new CommitteeNotice { NoticedOn = "2018-02-01" }, Actor("bmas"))));
    }

    [Fact]
    public void Only_MAGS_as_the_drafting_party_edits_the_draft_and_opens_the_negotiation()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 0);

        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.Revise(borken.Current.Content, null, KreisBorken, "", Today)));
        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.OpenNegotiation(KreisBorken, Today)));
        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.RequestLocalGoals("kt-05554", new DateOnly(2018, 1, 15), new DateOnly(2018, 1, 31), KreisBorken)));
        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.SetPublication(true, Today, KreisBorken)));
    }

    [Fact]
    public void In_negotiation_the_Kreis_as_a_signatory_may_revise_the_draft_but_not_the_jobcenter()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 1);
        var content = borken.Current.Content.Clone();
        content.Preamble += "\n\nErgänzt im Gespräch.";

        var change = borken.Revise(content, null, KreisBorken, "Ergebnis des Gesprächs", Today);

        Assert.Equal(["content.preamble"], change.Changed);
        Assert.EndsWith("Ergänzt im Gespräch.", borken.Current.Content.Preamble, StringComparison.Ordinal);
        Assert.Equal("NOT_A_SIGNATORY", Denied(() => borken.Revise(content, null, JobcenterBorken, "", Today)));
    }

    // ---------------------------------------------------------------------------------------------------- local goals (Unna 2012)

    [Fact]
    public void Unna_is_asked_for_local_goals_by_31_January_2012()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 1);

        Assert.Equal(AgreementStatus.LocalGoalsRequested, unna.Current.Status);
        Assert.Equal(("kt-05978", "2011-12-19", "2012-01-31", ""), (unna.Current.LocalGoals.PartyId, unna.Current.LocalGoals.RequestedOn, unna.Current.LocalGoals.Deadline, unna.Current.LocalGoals.AddedOn));
    }

    [Fact]
    public void Unna_adds_its_local_goals_before_the_deadline_and_the_negotiation_opens()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 2);

        Assert.Equal(AgreementStatus.Negotiation, unna.Current.Status);
        Assert.Equal("2012-01-27", unna.Current.LocalGoals.AddedOn);
        var goals = unna.Current.Content.Goals;
        Assert.Equal(["1", "2", "3", "L1", "U1", "U2"], goals.Select(g => g.Id));
        Assert.All(goals.Take(4), g => Assert.Equal((GoalOrigin.Draft, "mags-nrw"), (g.Origin, g.AddedByPartyId)));
        Assert.All(goals.Skip(4), g => Assert.Equal((GoalOrigin.Local, "kt-05978"), (g.Origin, g.AddedByPartyId)));
    }

    [Fact]
    public void Unna_adds_its_local_goals_on_the_deadline_itself()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 1);

        unna.AddLocalGoals(SeedAgreements.UnnaLocalGoals(), new DateOnly(2012, 1, 31), KreisUnna);

        Assert.Equal(AgreementStatus.Negotiation, unna.Current.Status);
    }

    [Fact]
    public void Local_goals_after_the_deadline_are_refused()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 1);

        var violation = Refused(() => unna.AddLocalGoals(SeedAgreements.UnnaLocalGoals(), new DateOnly(2012, 2, 1), KreisUnna));

        Assert.Equal(("lifecycle.local_goals_deadline", "added_on"), (violation.Rule, violation.Subject));
        Assert.Equal(AgreementStatus.LocalGoalsRequested, unna.Current.Status);
        Assert.Equal(4, unna.Current.Content.Goals.Count);
    }

    [Fact]
    public void Local_goals_come_from_the_requested_party_only()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 1);

        Assert.Equal("NOT_THE_REQUESTED_PARTY", Denied(() => unna.AddLocalGoals(SeedAgreements.UnnaLocalGoals(), new DateOnly(2012, 1, 20), Actor("jc-05978"))));
        Assert.Equal("NOT_THE_REQUESTED_PARTY", Denied(() => unna.AddLocalGoals(SeedAgreements.UnnaLocalGoals(), new DateOnly(2012, 1, 20), Mags)));
    }

    [Fact]
    public void Local_goals_are_requested_from_a_party_of_the_agreement_on_a_draft()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 0);

        var violation = Refused(() => unna.RequestLocalGoals("kt-05162", new DateOnly(2011, 12, 19), new DateOnly(2012, 1, 31), Mags));
        Assert.Equal(("lifecycle.request_local_goals", "kt-05162"), (violation.Rule, violation.Subject));

        unna.OpenNegotiation(Mags, Today);
        var late = Refused(() => unna.RequestLocalGoals("kt-05978", new DateOnly(2011, 12, 19), new DateOnly(2012, 1, 31), Mags));
        Assert.Equal("lifecycle.request_local_goals", late.Rule);
    }

    [Fact]
    public void The_committee_of_the_Kreis_Unna_takes_notice_of_the_draft()
    {
        var unna = Replay(SeedAgreements.Unna2012);

        var notice = Assert.Single(unna.Header.CommitteeNotices);
        Assert.Equal(("kt-05978", "2012-02-28"), (notice.PartyId, notice.NoticedOn));
        Assert.Equal(AgreementStatus.Negotiation, unna.Current.Status);
    }

    [Fact]
    public void A_local_goal_stays_local_when_the_ministry_rewords_it()
    {
        var unna = Replay(SeedAgreements.Unna2012, steps: 2);
        var content = unna.Current.Content.Clone();
        content.Goals[4].Heading = "Lokales Ziel: Integration junger Menschen (U25)";

        unna.Revise(content, null, KreisUnna, "", Today);

        Assert.Equal((GoalOrigin.Local, "kt-05978"), (unna.Current.Content.Goals[4].Origin, unna.Current.Content.Goals[4].AddedByPartyId));
    }

    // ---------------------------------------------------------------------------------------------------- returned (Neuss 2013)

    [Fact]
    public void Neuss_2013_is_returned_unsigned_by_MAIS_on_5_July_2013()
    {
        var neuss = Replay(SeedAgreements.Neuss2013);

        Assert.Equal(AgreementStatus.Returned, neuss.Current.Status);
        Assert.Equal(("mags-nrw", "2013-07-05"), (neuss.Current.Returned.PartyId, neuss.Current.Returned.ReturnedOn));
        Assert.Contains("juristische Kontroverse mit dem Bundesministerium für Arbeit und Soziales", neuss.Current.Returned.Reason, StringComparison.Ordinal);
        Assert.Equal(["jc-05162", "kt-05162"], neuss.Current.Signatures.Select(s => s.PartyId));
        Assert.Null(neuss.Open);
        // Final for the edition: nobody is awaited any more (as for a withdrawn edition).
        Assert.Empty(neuss.Current.AwaitingSignature);
    }

    [Fact]
    public void A_returned_agreement_is_not_signed_any_more()
    {
        var neuss = Replay(SeedAgreements.Neuss2013);

        var violation = Refused(() => neuss.Sign(Signed("", "Düsseldorf", "2013-07-10"), Actor("rd-nrw")));

        Assert.Equal("lifecycle.sign", violation.Rule);
    }

    [Fact]
    public void The_Rhein_Kreis_Neuss_cannot_return_what_it_signed()
    {
        var neuss = Replay(SeedAgreements.Neuss2013, steps: 3);

        var violation = Refused(() => neuss.ReturnUnsigned(new DateOnly(2013, 7, 1), "doch nicht", Actor("kt-05162")));

        Assert.Equal(("lifecycle.return_signed", "kt-05162"), (violation.Rule, violation.Subject));
    }

    [Fact]
    public void Returning_needs_a_reason()
    {
        var neuss = Replay(SeedAgreements.Neuss2013, steps: 3);

        var violation = Refused(() => neuss.ReturnUnsigned(new DateOnly(2013, 7, 5), " ", Mags));

        Assert.Equal((ViolationKind.Invalid, "reason"), (violation.Kind, violation.Subject));
    }

    [Fact]
    public void An_agreement_in_force_cannot_be_returned()
    {
        var borken = Replay(SeedAgreements.Borken2018);

        var violation = Refused(() => borken.ReturnUnsigned(new DateOnly(2018, 3, 1), "zu spät", Mags));

        Assert.Equal("lifecycle.return", violation.Rule);
        Assert.Contains("in force since 2018-02-22", violation.Description, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------------------------------------------- withdrawn

    [Fact]
    public void MAGS_withdraws_a_draft_that_is_not_in_force()
    {
        var borken = Replay(SeedAgreements.Borken2018, steps: 3);

        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.Withdraw(new DateOnly(2018, 2, 1), "", KreisBorken)));
        borken.Withdraw(new DateOnly(2018, 2, 1), "neuer Entwurf", Mags);

        Assert.Equal(AgreementStatus.Withdrawn, borken.Current.Status);
        Assert.Equal(("2018-02-01", "neuer Entwurf"), (borken.Current.WithdrawnOn, borken.Current.WithdrawalReason));
        Assert.Empty(borken.Current.AwaitingSignature);
        Assert.Equal("lifecycle.sign", Refused(() => borken.Sign(Signed("Dr. Edmund Heller", "Düsseldorf", "2018-02-22"), Mags)).Rule);
    }

    [Fact]
    public void An_agreement_in_force_cannot_be_withdrawn()
    {
        var borken = Replay(SeedAgreements.Borken2018);

        Assert.Equal("lifecycle.withdraw", Refused(() => borken.Withdraw(new DateOnly(2018, 3, 1), "", Mags)).Rule);
    }

    // ---------------------------------------------------------------------------------------------------- amendment

    [Fact]
    public void An_amendment_of_Borken_is_a_new_edition_and_the_first_stays_in_force_until_the_amendment_is()
    {
        var borken = Replay(SeedAgreements.Borken2018);
        var amended = borken.Current.Content.Clone();
        amended.Goals[2].Targets[1].Value = "3.0";

        var change = borken.Amend(amended, "K3E1-Ziel nach dem ersten Steuerungsdialog angepasst", Mags, new DateOnly(2018, 6, 1));

        Assert.Equal(["editions", "content.goals"], change.Changed);
        Assert.Equal(2, borken.Record.Editions.Count);
        var (first, second) = (borken.Record.Editions[0], borken.Record.Editions[1]);
        Assert.Equal((AgreementStatus.InForce, AgreementStatus.Draft), (first.Status, second.Status));
        Assert.Equal("4.0", first.Content.Goals[2].Targets[1].Value);
        Assert.Equal(["mags-nrw", "kt-05554"], second.AwaitingSignature);
        Assert.Same(first, borken.InForce);

        borken.OpenNegotiation(Mags, new DateOnly(2018, 6, 1));
        borken.Sign(Signed("Dr. Kai Zwicker", "Borken", "2018-06-04"), KreisBorken);
        Assert.Equal((AgreementStatus.InForce, AgreementStatus.Signing), (first.Status, second.Status));

        borken.Sign(Signed("Dr. Edmund Heller", "Düsseldorf", "2018-06-15"), Mags);
        Assert.Equal((AgreementStatus.Superseded, "2018-06-15"), (first.Status, first.SupersededOn));
        Assert.Equal((AgreementStatus.InForce, "2018-06-15"), (second.Status, second.InForceOn));
        Assert.Same(second, borken.Current);
        Assert.Equal("K3E1-Ziel nach dem ersten Steuerungsdialog angepasst", second.AmendmentReason);
    }

    [Fact]
    public void Only_an_agreement_in_force_is_amended_by_a_signatory_with_a_reason_and_one_amendment_at_a_time()
    {
        var draft = Replay(SeedAgreements.Borken2018, steps: 1);
        Assert.Equal("lifecycle.amend", Refused(() => draft.Amend(draft.Current.Content, "x", Mags, Today)).Rule);

        var borken = Replay(SeedAgreements.Borken2018);
        Assert.Equal("NOT_A_SIGNATORY", Denied(() => borken.Amend(borken.Current.Content, "x", JobcenterBorken, Today)));
        Assert.Equal("NOT_A_PARTY", Denied(() => borken.Amend(borken.Current.Content, "x", Actor("bmas"), Today)));
        Assert.Equal("reason", Refused(() => borken.Amend(borken.Current.Content, "", Mags, Today)).Subject);

        borken.Amend(borken.Current.Content, "erste Änderung", KreisBorken, Today);
        Assert.Equal("lifecycle.amend", Refused(() => borken.Amend(borken.Current.Content, "zweite Änderung", Mags, Today)).Rule);
    }

    [Fact]
    public void A_withdrawn_amendment_leaves_the_first_edition_in_force()
    {
        var borken = Replay(SeedAgreements.Borken2018);
        borken.Amend(borken.Current.Content, "Änderung", Mags, new DateOnly(2018, 6, 1));

        borken.Withdraw(new DateOnly(2018, 6, 20), "nicht mehr nötig", Mags);

        Assert.Equal([AgreementStatus.InForce, AgreementStatus.Withdrawn], borken.Record.Editions.Select(e => e.Status));
        Assert.Equal(1, borken.Current.Number);
    }

    // ---------------------------------------------------------------------------------------------------- closing

    [Fact]
    public void Borken_2018_is_closed_only_after_the_year()
    {
        var borken = Replay(SeedAgreements.Borken2018);

        Assert.Equal(("lifecycle.close_in_year", "closed_on"), Rule(Refused(() => borken.Close(new DateOnly(2018, 12, 31), "", Mags))));
        Assert.Equal("NOT_THE_DRAFTING_PARTY", Denied(() => borken.Close(new DateOnly(2019, 4, 30), "", KreisBorken)));

        borken.Close(new DateOnly(2019, 4, 30), "Ergebnisdialog im Frühjahr 2019", Mags);

        Assert.Equal((AgreementStatus.Closed, "2019-04-30"), (borken.Current.Status, borken.Current.ClosedOn));
        Assert.Null(borken.InForce);
    }

    [Fact]
    public void An_agreement_that_never_came_into_force_is_not_closed()
    {
        var neuss = Replay(SeedAgreements.Neuss2013);

        Assert.Equal("lifecycle.close", Refused(() => neuss.Close(new DateOnly(2014, 3, 1), "", Mags)).Rule);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static Signature Signed(string signatory, string place, string on) => new() { Signatory = signatory, Place = place, SignedOn = on };

    private static Violation Refused(Func<object?> write)
    {
        var refusal = Assert.Throws<RuleViolationException>(write);
        return Assert.Single(refusal.Violations);
    }

    private static string Denied(Func<object?> write) => Assert.Throws<NotPermittedException>(write).Reason;

    private static (string, string) Rule(Violation violation) => (violation.Rule, violation.Subject);
}
