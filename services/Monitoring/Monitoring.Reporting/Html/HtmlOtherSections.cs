using System.Globalization;

namespace Monitoring.Reporting;

/// <summary>The sections beside the targets: the Vergleichstyp comparison, the qualitative goals, the agreed measures.</summary>
internal static class HtmlOtherSections
{
    private const string Dash = "–";
    private static readonly NumberStyle Style = NumberStyle.Html;

    public static void Comparison(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        if (report.Comparison is not { } comparison)
        {
            return;
        }

        html.Open("section", ("id", "vergleich"));
        html.Element("h2", sections.Next($"Vergleich im SGB II-Vergleichstyp {comparison.Vergleichstyp}"));
        html.Open("table", ("class", "comparison"));
        html.Element("caption", $"Stand {GermanLabels.MonthYear(comparison.Month)}; Vergleichstyp {comparison.Vergleichstyp} mit " +
            $"{Count(comparison.Members)} Jobcentern. Rang 1 = bester Wert, Quartil 1 = bestes Viertel; Abstand = Wert − Median.");
        html.Open("thead").Open("tr");
        foreach (var (head, numeric) in new[]
        {
            ("Kennzahl", false), (report.Header.Jobcenter, true), ("Rang", true), ("Quartil", true), ("Median Vergleichstyp", true),
            ("Abstand zum Median", true), (comparison.State, true), ("Bund", true),
        })
        {
            html.Element("th", head, ("scope", "col"), ("class", numeric ? "num" : null));
        }

        html.Close().Close().Open("tbody");
        foreach (var row in comparison.Rows)
        {
            var position = row.Position;
            var format = row.ValueFormat;
            html.Open("tr", ("data-figure", row.FigureCode));
            html.Open("th", ("scope", "row")).Text(row.FigureName)
                .Element("span", row.HigherIsBetter ? "höher ist besser" : "niedriger ist besser", ("class", "sub")).Close();
            Number(html, HtmlTargetSections.Value(position.Value, format));
            Number(html, position.Rank is { } rank ? $"{Count(rank)} von {Count(position.Ranked)}" : null);
            Number(html, position.Quartile is { } quartile ? Count(quartile) : null);
            Number(html, HtmlTargetSections.Value(position.Median, format));
            Number(html, position.DistanceToMedian is { } distance
                ? GermanNumbers.WithUnit(distance, format.Decimals, format.IsPercent ? "Pp." : format.Unit, Style, signed: true)
                : null);
            Number(html, HtmlTargetSections.Value(row.StateValue, format));
            Number(html, HtmlTargetSections.Value(row.FederalValue, format));
            html.Close();
        }

        html.Close().Close();
        var missing = comparison.Rows.Where(r => r.Position.WithoutValue > 0).ToList();
        if (missing.Count > 0)
        {
            html.Element("p", "Ohne Wert und daher nicht im Rang: " +
                string.Join("; ", missing.Select(r => $"{r.FigureName}: {Count(r.Position.WithoutValue)} Jobcenter")) + ".", ("class", "note"));
        }

        html.Close();
    }

    public static void Qualitative(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        if (report.QualitativeGoals.Count == 0)
        {
            return;
        }

        html.Open("section", ("id", "qualitativ"));
        html.Element("h2", sections.Next("Qualitative Ziele"));
        foreach (var group in report.QualitativeGoals.GroupBy(q => q.Goal, StringComparer.Ordinal))
        {
            html.Element("h3", group.Key);
            foreach (var goal in group)
            {
                QualitativeGoal(html, goal);
            }
        }

        html.Close();
    }

    public static void Measures(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        var today = report.Header.RenderedOn;
        html.Open("section", ("id", "massnahmen"));
        html.Element("h2", sections.Next("Vereinbarte Steuerungsmaßnahmen"));
        if (report.Measures.Count == 0)
        {
            html.Element("p", "In früheren Steuerungsdialogen wurden keine Maßnahmen vereinbart.", ("class", "none"));
            html.Close();
            return;
        }

        html.Open("table", ("class", "measures"));
        html.Open("thead").Open("tr");
        foreach (var head in new[] { "Maßnahme", "Verantwortlich", "Fällig", "Stand", "Nachhaltung" })
        {
            html.Element("th", head, ("scope", "col"));
        }

        html.Close().Close().Open("tbody");
        foreach (var measure in report.Measures)
        {
            html.Open("tr");
            html.Open("td").Text(measure.Title);
            if (measure.AgreedIn is { } agreedIn)
            {
                html.Element("span", $"vereinbart: {agreedIn}", ("class", "sub"));
            }

            html.Close();
            html.Element("td", measure.Owner);
            html.Element("td", measure.DueOn is { } due ? GermanLabels.Date(due) : Dash, ("class", measure.DueOn is null ? "none" : null));
            html.Open("td", ("class", $"state state-{measure.State.ToString().ToLowerInvariant()}")).Text(GermanLabels.MeasureState(measure.State));
            if (measure.IsOverdue(today))
            {
                html.Element("span", "! überfällig", ("class", "sub overdue"));
            }

            html.Close();
            html.Element("td", measure.FollowUp ?? Dash, ("class", measure.FollowUp is null ? "none" : null));
            html.Close();
        }

        html.Close().Close();
        html.Close();
    }

    private static void QualitativeGoal(MarkupWriter html, QualitativeGoal goal)
    {
        html.Open("div", ("class", "qualitative"));
        html.Open("p", ("class", "statement")).Element("q", goal.Statement).Close();
        if (string.IsNullOrWhiteSpace(goal.Assessment))
        {
            html.Element("p", "Eine schriftliche Einschätzung liegt noch nicht vor.", ("class", "none"));
        }
        else
        {
            html.Open("div", ("class", "assessment"));
            html.Element("p", goal.AssessedBy is { } by ? $"Einschätzung ({by})" : "Einschätzung", ("class", "assessed-by"));
            foreach (var paragraph in Paragraphs(goal.Assessment))
            {
                html.Element("p", paragraph);
            }

            html.Close();
        }

        html.Close();
    }

    /// <summary>Paragraphs are separated by blank lines; single line breaks within one are kept as spaces.</summary>
    internal static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)));

    private static void Number(MarkupWriter html, string? text) =>
        html.Element("td", text ?? Dash, ("class", text is null ? "num none" : "num"));

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
