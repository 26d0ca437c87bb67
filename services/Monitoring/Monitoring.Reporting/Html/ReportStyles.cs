using System.Globalization;
using System.Text;

namespace Monitoring.Reporting;

/// <summary>
/// The report's style sheet: A4 portrait, system fonts only (no resource to fetch), status colours from the Okabe–Ito
/// palette (distinguishable with the common colour-vision deficiencies) and always paired with a symbol and a word.
/// It contains neither '&lt;' nor '&amp;', so the document stays well-formed XML.
/// </summary>
internal static class ReportStyles
{
    /// <summary>The page rules, whose running footer names the jobcenter and the month, then the rest.</summary>
    public static string For(ReportHeader header)
    {
        var footer = CssString($"{header.Jobcenter} · Stand {GermanLabels.MonthYear(header.ReportMonth)}");
        return "@page { size: A4 portrait; margin: 17mm 15mm 18mm 18mm;\n" +
            $"  @bottom-left {{ content: {footer}; font: 7.5pt sans-serif; color: #5a6270; }}\n" +
            "  @bottom-right { content: \"Seite \" counter(page) \" von \" counter(pages); font: 7.5pt sans-serif; color: #5a6270; } }\n" +
            Css;
    }

    /// <summary>A CSS string of any text: everything but letters, digits, space and a few marks as a CSS escape.</summary>
    internal static string CssString(string text)
    {
        var escaped = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is ' ' or '.' or ',' or '-' or '·' or '(' or ')')
            {
                escaped.Append(rune.ToString());
            }
            else
            {
                escaped.Append('\\').Append(rune.Value.ToString("X6", CultureInfo.InvariantCulture));
            }
        }

        return escaped.Append('"').ToString();
    }

    private const string Css = """
        :root { --ink: #1b1f24; --muted: #5a6270; --rule: #c9ced6; --head: #eef1f5; --accent: #0b3c68;
          --on-track: #007a5a; --at-risk: #b36b00; --off-track: #c0392b; --achieved: #007a5a; --missed: #c0392b;
          --neutral: #6b7280; --observed: #0072b2; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 184mm; padding: 8mm 0; color: var(--ink);
          font-family: "Noto Sans", "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
          font-size: 9.5pt; line-height: 1.42; }
        h1, h2, h3 { color: var(--accent); line-height: 1.2; break-after: avoid; }
        h1 { font-size: 16pt; margin: 2mm 0 1mm; font-weight: 600; }
        h2 { font-size: 12pt; margin: 8mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 0.6pt solid var(--accent); font-weight: 600; }
        h3 { font-size: 10pt; margin: 5mm 0 1.5mm; font-weight: 600; }
        p { margin: 0 0 2mm; }
        q { quotes: "\201E" "\201C"; }
        .masthead { border-top: 3pt solid var(--accent); padding-top: 3mm; }
        .issuer { font-size: 9pt; color: var(--muted); margin: 0; }
        .kind { font-size: 8.5pt; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); margin: 3mm 0 0; }
        .agreement-title { font-size: 10.5pt; margin: 0 0 3mm; }
        .facts { display: grid; grid-template-columns: 38mm 1fr; gap: 0.8mm 4mm; margin: 0; padding: 2.5mm 3mm;
          background: var(--head); font-size: 8.5pt; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .facts .code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; }
        table { width: 100%; border-collapse: collapse; font-size: 8pt; margin: 0 0 2mm; }
        table.targets { table-layout: fixed; }
        table.targets td, table.targets th { overflow-wrap: break-word; hyphens: auto; }
        caption { caption-side: top; text-align: left; font-size: 8.5pt; color: var(--muted); padding-bottom: 1.5mm; }
        th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.4mm; border-bottom: 0.5pt solid var(--rule); }
        thead th { background: var(--head); font-weight: 600; border-bottom: 0.8pt solid var(--accent); vertical-align: bottom; }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.comparison thead th { white-space: normal; }
        .none { color: var(--muted); }
        .goal th { background: none; color: var(--accent); font-weight: 600; padding-top: 2.5mm; border-bottom: 0.5pt solid var(--accent); }
        .wording { font-size: 7.8pt; }
        .sub { display: block; color: var(--muted); font-size: 7.2pt; font-weight: 400; white-space: normal; }
        .status { font-weight: 600; }
        .symbol { display: inline-block; width: 1.1em; text-align: center; }
        .status-on-track .symbol { color: var(--on-track); }
        .status-at-risk .symbol { color: var(--at-risk); }
        .status-off-track .symbol { color: var(--off-track); }
        .status-achieved .symbol { color: var(--achieved); }
        .status-missed .symbol { color: var(--missed); }
        .status-no-data .symbol, .status-not-assessable .symbol { color: var(--neutral); }
        .status-observed .symbol { color: var(--observed); }
        .status-no-data, .status-not-assessable { font-weight: 400; color: var(--muted); }
        .legend { display: grid; grid-template-columns: repeat(2, 1fr); gap: 0.5mm 6mm; margin: 1mm 0 2mm; padding: 0;
          list-style: none; font-size: 7.8pt; color: var(--ink); break-inside: avoid; }
        .legend li { display: flex; gap: 2mm; }
        .legend .status { flex: 0 0 27mm; }
        .note { font-size: 7.8pt; color: var(--muted); }
        figure { margin: 0 0 5mm; break-inside: avoid; }
        figcaption { font-size: 9.5pt; margin-bottom: 1mm; }
        figcaption .sub { font-size: 8pt; }
        svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
        svg.chart text { font-size: 10px; fill: var(--ink); }
        svg.chart .forecast-label { font-weight: 600; fill: var(--accent); }
        svg.chart .tick { fill: var(--muted); }
        svg.chart .axis-label { font-size: 10px; fill: var(--muted); }
        svg.chart .grid { stroke: #e3e6eb; stroke-width: 0.8; }
        svg.chart .axis { stroke: #8a919c; stroke-width: 0.9; }
        svg.chart .line { fill: none; stroke-linejoin: round; stroke-linecap: round; }
        svg.chart .series-value .line { stroke: var(--accent); stroke-width: 2.2; }
        svg.chart .series-value .point { fill: var(--accent); stroke: #fff; stroke-width: 0.8; }
        svg.chart .series-target .line { stroke: #b36b00; stroke-width: 1.6; stroke-dasharray: 7 4; }
        svg.chart .series-prior .line { stroke: #7d848f; stroke-width: 1.3; stroke-dasharray: 1.5 3; }
        svg.chart .series-prior .point { fill: #fff; stroke: #7d848f; stroke-width: 1.1; }
        svg.chart .forecast-band { fill: rgba(11, 60, 104, 0.16); stroke: var(--accent); stroke-width: 0.8; }
        svg.chart .forecast-value { fill: #fff; stroke: var(--accent); stroke-width: 1.6; }
        svg.chart .forecast-path { stroke: var(--accent); stroke-width: 1.1; stroke-dasharray: 2 3; }
        .series th, .series td { padding: 1mm 1mm; }
        .qualitative { margin: 0 0 4mm; break-inside: avoid; }
        .assessment { border-left: 2pt solid var(--rule); padding: 0.5mm 0 0.5mm 3mm; }
        .assessed-by { font-size: 8pt; color: var(--muted); margin-bottom: 1mm; }
        .overdue { font-weight: 600; color: var(--off-track); }
        footer { margin-top: 8mm; border-top: 0.6pt solid var(--rule); font-size: 8pt; }
        footer h2 { font-size: 10pt; border-bottom: none; margin-top: 4mm; }
        footer ul { margin: 0 0 2mm; padding-left: 4mm; }
        @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
        """;
}
