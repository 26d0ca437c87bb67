using System.Globalization;

namespace Monitoring.Reporting;

/// <summary>
/// The dialogue report as one self-contained HTML5 file: inline CSS for A4, inline SVG charts, no script, no external
/// resource; also well-formed XML (docs/monitoring-report.md).
/// </summary>
public static class HtmlReportRenderer
{
    public static string Render(DialogueReport report)
    {
        ReportChecks.ThrowIfInconsistent(report);
        var html = new MarkupWriter();
        html.Trusted("<!DOCTYPE html>\n");
        html.Open("html", ("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "de"));
        html.Open("head");
        html.Empty("meta", ("charset", "utf-8"));
        html.Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Element("title", DocumentTitle(report.Header));
        html.Open("style").Trusted(ReportStyles.For(report.Header)).Close();
        html.Close();
        html.Open("body");
        Masthead(html, report.Header);
        html.Open("main");
        var sections = new SectionNumbers();
        HtmlTargetSections.Overview(html, report, sections);
        HtmlTargetSections.Charts(html, report, sections);
        HtmlOtherSections.Comparison(html, report, sections);
        HtmlTargetSections.Observations(html, report, sections);
        HtmlOtherSections.Qualitative(html, report, sections);
        HtmlOtherSections.Measures(html, report, sections);
        html.Close();
        Footer(html, report);
        html.Close().Close();
        return html.ToString();
    }

    private static string DocumentTitle(ReportHeader header) =>
        $"Monitoring {header.Title} – {header.Jobcenter} – Stand {GermanLabels.MonthYear(header.ReportMonth)}";

    private static void Masthead(MarkupWriter html, ReportHeader header)
    {
        html.Open("header", ("class", "masthead"));
        if (header.Issuer is { } issuer)
        {
            html.Element("p", issuer, ("class", "issuer"));
        }

        html.Element("p", "Monitoring zur Zielvereinbarung · Unterlage zum Steuerungsdialog", ("class", "kind"));
        html.Element("h1", $"{header.Jobcenter}: Zielerreichung {Year(header.Year)}, Stand {GermanLabels.MonthYear(header.ReportMonth)}");
        html.Element("p", header.Title, ("class", "agreement-title"));
        html.Open("dl", ("class", "facts"));
        html.Element("dt", "Vereinbarungspartner");
        html.Open("dd");
        for (var i = 0; i < header.Parties.Count; i++)
        {
            if (i > 0)
            {
                html.Empty("br");
            }

            var party = header.Parties[i];
            html.Text(party.Representative is null ? party.Name : $"{party.Name}, vertreten durch {party.Representative}");
        }

        html.Close();
        Fact(html, "Zieljahr", Year(header.Year));
        Fact(html, "Datenstand", GermanLabels.MonthYear(header.ReportMonth));
        if (header.Dialogue is { } dialogue)
        {
            Fact(html, "Steuerungsdialog", dialogue);
        }

        Fact(html, "Erstellt am", GermanLabels.Date(header.RenderedOn));
        html.Element("dt", "Datengrundlage");
        html.Open("dd").Text("Zielvereinbarung ").Element("span", header.Provenance.AgreementId, ("class", "code"))
            .Text($", Version {header.Provenance.AgreementVersion.ToString(CultureInfo.InvariantCulture)}; KPI-Datenlieferungen ");
        Deliveries(html, header.Provenance.KpiDeliveryIds);
        html.Close();
        html.Close().Close();
    }

    private static void Deliveries(MarkupWriter html, IReadOnlyList<string> deliveries)
    {
        if (deliveries.Count == 0)
        {
            html.Text("keine");
            return;
        }

        for (var i = 0; i < deliveries.Count; i++)
        {
            html.Text(i == 0 ? "" : ", ").Element("span", deliveries[i], ("class", "code delivery"));
        }
    }

    private static void Fact(MarkupWriter html, string name, string value) => html.Element("dt", name).Element("dd", value);

    private static void Footer(MarkupWriter html, DialogueReport report)
    {
        var header = report.Header;
        html.Open("footer");
        html.Element("h2", "Methodische Hinweise");
        foreach (var paragraph in MethodNote.Paragraphs)
        {
            html.Element("p", paragraph);
        }

        html.Element("h2", "Datenquellen");
        html.Open("ul");
        foreach (var source in report.DataSources)
        {
            html.Element("li", source);
        }

        html.Open("li").Text($"Zielvereinbarung {header.Provenance.AgreementId}, Version " +
            $"{header.Provenance.AgreementVersion.ToString(CultureInfo.InvariantCulture)}; KPI-Datenlieferungen ");
        Deliveries(html, header.Provenance.KpiDeliveryIds);
        html.Text($"; erstellt am {GermanLabels.Date(header.RenderedOn)}.").Close();
        html.Close();
        html.Close();
    }

    internal static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Numbers the sections that are shown; a section with nothing to show is left out and takes no number.</summary>
internal sealed class SectionNumbers
{
    private int _last;

    public string Next(string heading) => $"{++_last}. {heading}";
}
