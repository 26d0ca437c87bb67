using System.Globalization;
using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>The sections about the agreement's targets: the overview table, a chart per target, the observations.</summary>
internal static class HtmlTargetSections
{
    private const string Dash = "–";
    private static readonly NumberStyle Style = NumberStyle.Html;

    // A fixed layout keeps the nine columns inside the A4 text width whatever the wording's length.
    // The numeric heads ("Veränderung", "Prognose") are single words in bold: their columns are as wide as they are at A4.
    private static readonly string[] ColumnWidths = ["18%", "13.5%", "7.5%", "7.5%", "13%", "10%", "8.5%", "10.5%", "11.5%"];
    private static readonly string Columns = ColumnWidths.Length.ToString(CultureInfo.InvariantCulture);

    public static void Overview(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        var month = report.Header.ReportMonth;
        var priorMonth = month.AddMonths(-12);
        html.Open("section", ("id", "zielerreichung"));
        html.Element("h2", sections.Next("Zielerreichung im Überblick"));
        html.Open("table", ("class", "targets"));
        html.Element("caption", $"Stand {GermanLabels.MonthYear(month)}; Prognose: erwarteter Wert im Dezember {HtmlReportRenderer.Year(month.Year)}.");
        html.Open("colgroup");
        foreach (var width in ColumnWidths)
        {
            html.Empty("col", ("style", $"width: {width}"));
        }

        html.Close();
        html.Open("thead").Open("tr");
        Head(html, "Ziel", "Wortlaut der Vereinbarung");
        Head(html, "Indikator", "Maß");
        Head(html, "Wert", $"{GermanLabels.ShortMonth(month.Month)} {HtmlReportRenderer.Year(month.Year)}", numeric: true);
        Head(html, "Vorjahr", $"{GermanLabels.ShortMonth(priorMonth.Month)} {HtmlReportRenderer.Year(priorMonth.Year)}", numeric: true);
        Head(html, "Veränderung", "ggü. Vorjahr", numeric: true);
        Head(html, "Ziel");
        Head(html, "Abstand", "zum Ziel", numeric: true);
        Head(html, "Prognose", "Dezember (Spanne)", numeric: true);
        Head(html, "Status");
        html.Close().Close();
        html.Open("tbody");
        foreach (var goal in Goals(report))
        {
            html.Open("tr", ("class", "goal")).Element("th", goal, ("colspan", Columns), ("scope", "rowgroup")).Close();
            foreach (var target in report.Targets.Where(t => t.Goal == goal))
            {
                TargetRow(html, TargetLine.At(target, month));
            }

            foreach (var qualitative in report.QualitativeGoals.Where(q => q.Goal == goal))
            {
                QualitativeRow(html, qualitative);
            }
        }

        html.Close().Close();
        Legend(html);
        html.Close();
    }

    public static void Charts(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        var charted = report.Targets.Where(IsCharted).ToList();
        if (charted.Count == 0)
        {
            return;
        }

        html.Open("section", ("id", "verlauf"));
        html.Element("h2", sections.Next("Verlauf im Jahr"));
        html.Element("p", "Steuerungswert je Monat gegen den Zielpfad und die Werte des Vorjahres; rechts der im Berichtsmonat " +
            "prognostizierte Dezemberwert mit seiner Spanne.", ("class", "note"));
        for (var i = 0; i < charted.Count; i++)
        {
            var chart = TargetChart.For(charted[i], report.Header.ReportMonth, $"chart-{(i + 1).ToString(CultureInfo.InvariantCulture)}");
            html.Open("figure", ("class", "chart-figure"));
            html.Open("figcaption").Element("strong", chart.Title).Element("span", charted[i].Target.Wording, ("class", "sub")).Close();
            html.Trusted(SvgLineChart.Render(chart));
            html.Close();
        }

        html.Close();
    }

    public static void Observations(MarkupWriter html, DialogueReport report, SectionNumbers sections)
    {
        var observations = report.Targets.Where(t => t.Target.Kind == GoalKind.Observation).ToList();
        if (observations.Count == 0)
        {
            return;
        }

        var month = report.Header.ReportMonth;
        html.Open("section", ("id", "beobachtung"));
        html.Element("h2", sections.Next("Beobachtungsgrößen"));
        foreach (var observation in observations)
        {
            var months = observation.Result.Months.Where(m => m.Month <= month).ToList();
            var format = observation.ValueFormat;
            html.Element("h3", $"{observation.Indicator}: {GermanLabels.Measure(observation.Target.Measure)}");
            html.Open("p", ("class", "wording")).Element("q", observation.Target.Wording).Close();
            html.Open("table", ("class", "series"));
            html.Open("thead").Open("tr").Element("th", "Monat", ("scope", "col"));
            foreach (var m in months)
            {
                html.Element("th", GermanLabels.ShortMonth(m.Month.Month), ("class", "num"), ("scope", "col"));
            }

            html.Close().Close().Open("tbody");
            SeriesRow(html, HtmlReportRenderer.Year(month.Year), months.Select(m => Value(m.Value, format)));
            SeriesRow(html, $"{HtmlReportRenderer.Year(month.Year - 1)} (Vorjahr)", months.Select(m => Value(m.PriorYearValue, format)));
            SeriesRow(html, "Veränderung", months.Select(m => m.ChangePercent is { } c ? GermanNumbers.Change(c, Style) : null));
            html.Close().Close();
        }

        html.Close();
    }

    internal static bool IsCharted(TargetReport target) => target.Target.Kind == GoalKind.Quantitative && target.Target.TargetValue is not null;

    private static IEnumerable<string> Goals(DialogueReport report) =>
        report.Targets.Select(t => t.Goal).Concat(report.QualitativeGoals.Select(q => q.Goal)).Distinct(StringComparer.Ordinal);

    private static void Head(MarkupWriter html, string text, string? sub = null, bool numeric = false)
    {
        html.Open("th", ("scope", "col"), ("class", numeric ? "num" : null)).Text(text);
        if (sub is not null)
        {
            html.Element("span", sub, ("class", "sub"));
        }

        html.Close();
    }

    private static void TargetRow(MarkupWriter html, TargetLine line)
    {
        var attainment = line.Attainment;
        var quantitative = line.Target.Kind == GoalKind.Quantitative;
        html.Open("tr", ("class", "target"), ("data-target", line.Target.Id));
        html.Open("td", ("class", "wording")).Element("q", line.Target.Wording).Close();
        html.Open("td").Text(line.Report.Indicator).Element("span", GermanLabels.Measure(line.Target.Measure), ("class", "sub measure"));
        foreach (var qualifier in GermanLabels.Qualifiers(line.Target))
        {
            html.Element("span", qualifier, ("class", "sub"));
        }

        html.Close();
        Number(html, Value(attainment?.Value, line.Format));
        Number(html, Value(attainment?.PriorYearValue, line.Format));
        Number(html, attainment?.ChangePercent is { } change ? GermanNumbers.Change(change, Style) : null);
        html.Open("td").Text(line.TargetText(Style) ?? (quantitative ? Dash : "Beobachtung"));
        if (quantitative && line.Target.TolerancePoints != Rational.Zero)
        {
            html.Element("span", $"Toleranz {GermanNumbers.WithUnit(line.Target.TolerancePoints, line.GapDecimals, line.GapUnit, Style)}", ("class", "sub"));
        }

        html.Close();
        Number(html, quantitative && attainment?.Gap is { } gap ? GermanNumbers.WithUnit(gap, line.GapDecimals, line.GapUnit, Style, signed: true) : null);
        Forecast(html, quantitative ? line : null);
        Status(html, line.Status);
        html.Close();
    }

    private static void QualitativeRow(MarkupWriter html, QualitativeGoal goal)
    {
        html.Open("tr", ("class", "target qualitative"));
        html.Open("td", ("class", "wording")).Element("q", goal.Statement).Close();
        html.Element("td", "qualitatives Ziel");
        for (var i = 0; i < 6; i++)
        {
            html.Element("td", Dash, ("class", i == 3 ? "none" : "num none"));
        }

        Status(html, AttainmentStatus.NotAssessable);
        html.Close();
    }

    private static void Forecast(MarkupWriter html, TargetLine? line)
    {
        if (line?.ForecastInTargetTerms() is not { } forecast)
        {
            Number(html, null);
            return;
        }

        html.Open("td", ("class", "num forecast")).Text(line.FormatInTargetTerms(forecast.Value, Style));
        html.Element("span", $"{line.FormatInTargetTerms(forecast.Low, Style)} bis {line.FormatInTargetTerms(forecast.High, Style)}", ("class", "sub"));
        html.Close();
    }

    internal static void Status(MarkupWriter html, AttainmentStatus status)
    {
        var label = GermanLabels.Status(status);
        html.Open("td", ("class", $"status status-{label.Token}"));
        StatusMark(html, label);
        html.Close();
    }

    private static void StatusMark(MarkupWriter html, StatusLabel label) =>
        html.Element("span", label.Symbol, ("class", "symbol"), ("aria-hidden", "true")).Text(" " + label.Text);

    private static void Legend(MarkupWriter html)
    {
        html.Open("ul", ("class", "legend"), ("aria-label", "Legende"));
        foreach (var status in GermanLabels.AllStatuses)
        {
            var label = GermanLabels.Status(status);
            html.Open("li").Open("span", ("class", $"status status-{label.Token}"));
            StatusMark(html, label);
            html.Close().Text(label.Meaning).Close();
        }

        html.Close();
        html.Element("p", "Veränderung: gegenüber dem Vorjahreswert im selben Monat, in %. Abstand: bei relativen Zielen in " +
            "Prozentpunkten (Pp.), bei Niveauzielen in der Einheit des Werts; positiv heißt über dem Ziel. Prognose: bei relativen " +
            "Zielen die erwartete Veränderung im Dezember, bei Niveauzielen der erwartete Dezemberwert; darunter die Spanne.",
            ("class", "note"));
    }

    private static void SeriesRow(MarkupWriter html, string name, IEnumerable<string?> cells)
    {
        html.Open("tr").Element("th", name, ("scope", "row"));
        foreach (var cell in cells)
        {
            Number(html, cell);
        }

        html.Close();
    }

    private static void Number(MarkupWriter html, string? text) =>
        html.Element("td", text ?? Dash, ("class", text is null ? "num none" : "num"));

    internal static string? Value(Rational? value, ValueFormat format) =>
        value is { } known ? GermanNumbers.WithUnit(known, format.Decimals, format.Unit, Style) : null;
}
