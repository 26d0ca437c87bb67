using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>
/// What a ministry sends a jobcenter before a Steuerungsdialog, for one agreement and one month: everything already
/// computed (attainment, peer positions), so rendering is formatting only (docs/monitoring-report.md).
/// </summary>
/// <param name="Targets">Targets and observations in the agreement's order; each with its attainment for the year.</param>
/// <param name="DataSources">Named in the footer, e.g. "Statistik der Bundesagentur für Arbeit, Kennzahlen nach § 48a SGB II".</param>
public sealed record DialogueReport(
    ReportHeader Header,
    IReadOnlyList<TargetReport> Targets,
    IReadOnlyList<QualitativeGoal> QualitativeGoals,
    PeerComparison? Comparison,
    IReadOnlyList<AgreedMeasure> Measures,
    IReadOnlyList<string> DataSources);

/// <param name="Title">The agreement's title, e.g. "Zielvereinbarung 2018 zwischen dem MAGS NRW und dem Kreis Borken".</param>
/// <param name="Year">The Zieljahr.</param>
/// <param name="ReportMonth">The Datenstand: the month whose values the report shows; in <paramref name="Year"/>.</param>
/// <param name="RenderedOn">The date printed as "erstellt am"; passed in so that rendering stays deterministic.</param>
/// <param name="Provenance">The agreement version and KPI deliveries used (<see cref="ReportProvenance.Of"/> combines the targets').</param>
/// <param name="Jobcenter">The jobcenter the report is about, e.g. "Jobcenter Kreis Borken".</param>
/// <param name="Issuer">Who sends it, e.g. "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen".</param>
/// <param name="Dialogue">The dialogue it prepares, e.g. "2. Steuerungsdialog 2018 am 14.11.2018".</param>
public sealed record ReportHeader(
    string Title,
    int Year,
    IReadOnlyList<ReportParty> Parties,
    YearMonth ReportMonth,
    DateOnly RenderedOn,
    Provenance Provenance,
    string Jobcenter,
    string? Issuer = null,
    string? Dialogue = null);

/// <param name="Representative">"vertreten durch …": role and name, e.g. "Staatssekretär Dr. Edmund Heller".</param>
public sealed record ReportParty(string Name, string? Representative = null);

/// <summary>A qualitative statement of a goal (e.g. a state-specific goal), with the dialogue's written assessment if given.</summary>
public sealed record QualitativeGoal(string Goal, string Statement, string? Assessment = null, string? AssessedBy = null);

/// <summary>The agreements contract's follow-up state of a measure.</summary>
public enum MeasureState { Open, InProgress, Done, Dropped }

/// <summary>
/// A Steuerungsmaßnahme agreed in an earlier dialogue (the agreements contract's SteeringMeasure; named differently here
/// because Kpi.Computation's <see cref="SteeringMeasure"/> — JFW, JDW … — is in scope wherever reports are built).
/// </summary>
/// <param name="AgreedIn">The dialogue it was agreed in, e.g. "1. Steuerungsdialog am 18.05.2018".</param>
/// <param name="FollowUp">What was done or found in the follow-up.</param>
public sealed record AgreedMeasure(string Title, string Owner, DateOnly? DueOn, MeasureState State, string? AgreedIn = null, string? FollowUp = null)
{
    /// <summary>Due before <paramref name="today"/> and neither done nor dropped.</summary>
    public bool IsOverdue(DateOnly today) => DueOn is { } due && due < today && State is MeasureState.Open or MeasureState.InProgress;
}
