using Ag = Zielsteuerung.Agreements.V1;

namespace Monitoring.API.Following;

/// <summary>An agreement's Steuerungsdialoge as the attainment and the report read them: in date order, the latest assessed.</summary>
internal static class Dialogues
{
    /// <summary>The day it was held, or before that the day it is planned for (yyyy-MM-dd).</summary>
    public static string DateOf(Ag.Dialogue dialogue) => dialogue.HeldOn.Length > 0 ? dialogue.HeldOn : dialogue.PlannedOn;

    public static IEnumerable<Ag.Dialogue> InOrder(Ag.Agreement agreement) => agreement.Dialogues.OrderBy(DateOf, StringComparer.Ordinal);

    /// <summary>The latest dialogue with a written assessment, or null.</summary>
    public static Ag.Dialogue? LatestAssessed(Ag.Agreement agreement) => InOrder(agreement).LastOrDefault(d => d.Assessments.Count > 0);

    /// <summary>Its assessments' texts, one paragraph each.</summary>
    public static string AssessmentText(Ag.Dialogue dialogue) => string.Join("\n\n", dialogue.Assessments.Select(a => a.Text));
}
