using System.Globalization;
using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>How a status is shown: a symbol and a word, so that it reads without colour (grayscale print, colour blindness).</summary>
/// <param name="Token">The suffix of the status's CSS class.</param>
/// <param name="Meaning">For the legend.</param>
internal sealed record StatusLabel(string Text, string Symbol, string Token, string Meaning);

internal static class GermanLabels
{
    private static readonly string[] Months =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static readonly string[] ShortMonths = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];

    public static IReadOnlyList<AttainmentStatus> AllStatuses { get; } = Enum.GetValues<AttainmentStatus>();

    public static StatusLabel Status(AttainmentStatus status) => status switch
    {
        AttainmentStatus.OnTrack => new("auf Kurs", "●", "on-track", "auch das ungünstige Ende der Prognosespanne erreicht das Ziel"),
        AttainmentStatus.AtRisk => new("gefährdet", "▲", "at-risk", "das Ziel liegt innerhalb der Prognosespanne"),
        AttainmentStatus.OffTrack => new("nicht auf Kurs", "■", "off-track", "auch das günstige Ende der Prognosespanne verfehlt das Ziel"),
        AttainmentStatus.Achieved => new("erreicht", "✔", "achieved", "der Dezemberwert erreicht das Ziel"),
        AttainmentStatus.Missed => new("verfehlt", "✘", "missed", "der Dezemberwert verfehlt das Ziel"),
        AttainmentStatus.NoData => new("keine Daten", "○", "no-data", "Wert oder Vorjahreswert des Monats fehlt"),
        AttainmentStatus.NotAssessable => new("nicht bewertbar", "–", "not-assessable", "qualitatives Ziel, bewertet im Dialog"),
        AttainmentStatus.Observed => new("Beobachtung", "◇", "observed", "ohne Zielwert, im Monitoring beobachtet"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static string Month(int month) => Months[month - 1];

    public static string ShortMonth(int month) => ShortMonths[month - 1];

    /// <summary>"Oktober 2018".</summary>
    public static string MonthYear(YearMonth month) => $"{Month(month.Month)} {month.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"07.12.2026".</summary>
    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Measure(TargetMeasure measure) => measure switch
    {
        TargetMeasure.CalendarYearValue => "Jahresfortschrittswert (JFW)",
        TargetMeasure.AnnualAverage => "Jahresdurchschnittswert (JDW)",
        TargetMeasure.DecemberValue => "Monatswert (maßgeblich: Dezember)",
        TargetMeasure.AnnualSum => "Summe seit Jahresbeginn",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
    };

    /// <summary>What else qualifies the measure: data basis, sex, group; empty for final data, total, one jobcenter.</summary>
    public static IEnumerable<string> Qualifiers(Target target)
    {
        if (target.Basis == DataBasis.T0)
        {
            yield return "Daten ohne Wartezeit (t-0)";
        }

        if (target.Sex != Sex.Total)
        {
            yield return target.Sex == Sex.Women ? "Frauen" : "Männer";
        }

        if (target.Scope.Aggregation != Aggregation.SingleJobcenter)
        {
            var members = target.Scope.Jobcenters.Count.ToString(CultureInfo.InvariantCulture);
            yield return target.Scope.Aggregation == Aggregation.Pooled
                ? $"{members} Jobcenter zusammengefasst"
                : $"Durchschnitt von {members} Jobcentern";
        }
    }

    public static string MeasureState(MeasureState state) => state switch
    {
        Reporting.MeasureState.Open => "offen",
        Reporting.MeasureState.InProgress => "in Bearbeitung",
        Reporting.MeasureState.Done => "erledigt",
        Reporting.MeasureState.Dropped => "entfallen",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown measure state."),
    };
}
