using System.Xml.Linq;
using static Monitoring.Reporting.Tests.Xhtml;

namespace Monitoring.Reporting.Tests;

// The file as a file: well-formed, German, self-contained, printable, reproducible.
public class HtmlDocumentTests
{
    private static readonly string Html = HtmlReportRenderer.Render(Borken.Report());
    private static readonly XDocument Document = Parse(Html);

    [Fact]
    public void Is_an_html5_file_that_parses_as_well_formed_xml_in_german()
    {
        Assert.StartsWith("<!DOCTYPE html>\n", Html);
        Assert.Equal(H + "html", Document.Root!.Name);
        Assert.Equal("de", (string?)Document.Root.Attribute("lang"));
        Assert.Contains(Document.Descendants(H + "meta"), m => (string?)m.Attribute("charset") == "utf-8");
    }

    [Fact]
    public void Loads_nothing_and_runs_nothing()
    {
        var elements = Document.Descendants().Select(e => e.Name.LocalName).ToHashSet();
        Assert.DoesNotContain("script", elements);
        Assert.DoesNotContain("link", elements);
        Assert.DoesNotContain("img", elements);
        Assert.DoesNotContain("iframe", elements);
        Assert.DoesNotContain(Document.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("url(", Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Style_sheet_is_inline_and_prints_on_a4()
    {
        var css = Document.Descendants(H + "style").Single().Value;
        Assert.Contains("@page", css);
        Assert.Contains("size: A4", css);
        Assert.Contains("@media print", css);
    }

    [Fact]
    public void Running_footer_names_jobcenter_and_month_escaped_for_css()
    {
        var css = Document.Descendants(H + "style").Single().Value;
        Assert.Contains("content: \"Jobcenter Kreis Borken · Stand Oktober 2018\"", css);

        var report = Borken.Report();
        var odd = report with { Header = report.Header with { Jobcenter = "Jobcenter \"A\" <B> & C\\" } };
        var oddCss = Render(odd).Descendants(H + "style").Single().Value;
        Assert.Contains("content: \"Jobcenter \\000022A\\000022 \\00003CB\\00003E \\000026 C\\00005C", oddCss);
    }

    [Fact]
    public void Header_names_agreement_year_parties_month_date_and_data_versions()
    {
        var header = Document.Descendants(H + "header").Single();
        Assert.Equal("Jobcenter Kreis Borken: Zielerreichung 2018, Stand Oktober 2018", header.Element(H + "h1")!.Value);
        Assert.Contains("Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018", header.Value);
        var facts = header.Descendants(H + "dt").ToDictionary(dt => dt.Value, dt => dt.ElementsAfterSelf().First().Value);
        Assert.Equal("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen, vertreten durch Staatssekretär Dr. Edmund Heller" +
            "Kreis Borken als zugelassener kommunaler Träger, vertreten durch Landrat Dr. Kai Zwicker", facts["Vereinbarungspartner"]);
        Assert.Equal("2018", facts["Zieljahr"]);
        Assert.Equal("Oktober 2018", facts["Datenstand"]);
        Assert.Equal("28.11.2018", facts["Erstellt am"]);
        Assert.Equal("2. Steuerungsdialog 2018 am 05.12.2018", facts["Steuerungsdialog"]);
        Assert.Equal("Zielvereinbarung zv-2018-0001, Version 7; KPI-Datenlieferungen dlv-000017, dlv-000021", facts["Datengrundlage"]);
        Assert.Equal(["dlv-000017", "dlv-000021"], header.WithClass("delivery").Select(d => d.Value));
    }

    [Fact]
    public void Title_names_agreement_jobcenter_and_month()
    {
        Assert.Equal("Monitoring Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018 – Jobcenter Kreis Borken – Stand Oktober 2018",
            Document.Descendants(H + "title").First().Value);
    }

    [Fact]
    public void Sections_follow_the_dialogue_and_are_numbered()
    {
        var headings = Document.Descendants(H + "main").Single().Elements(H + "section").Select(s => s.Element(H + "h2")!.Value);
        Assert.Equal(
        [
            "1. Zielerreichung im Überblick", "2. Verlauf im Jahr", "3. Vergleich im SGB II-Vergleichstyp IIb", "4. Beobachtungsgrößen",
            "5. Qualitative Ziele", "6. Vereinbarte Steuerungsmaßnahmen",
        ], headings);
    }

    [Fact]
    public void Sections_without_content_are_left_out_and_the_numbers_close_up()
    {
        var report = Borken.Report();
        var lean = report with { Targets = [Borken.K2()], QualitativeGoals = [], Comparison = null, Measures = [] };
        var headings = Render(lean).Descendants(H + "h2").Select(h => h.Value).ToList();
        Assert.Equal(["1. Zielerreichung im Überblick", "2. Verlauf im Jahr", "3. Vereinbarte Steuerungsmaßnahmen", "Methodische Hinweise", "Datenquellen"], headings);
    }

    [Fact]
    public void Footer_explains_method_and_names_sources_and_data_versions()
    {
        var footer = Document.Descendants(H + "footer").Single();
        Assert.Contains("Median der Verhältnisse Dezember ÷ Berichtsmonat", footer.Value);
        Assert.Contains("Zielpfad", footer.Value);
        Assert.Contains("„auf Kurs“, wenn auch das ungünstige Ende der Spanne das Ziel erreicht", footer.Value);
        var sources = footer.Descendants(H + "li").Select(li => li.Value).ToList();
        Assert.Equal("Statistik der Bundesagentur für Arbeit: Kennzahlen nach § 48a SGB II", sources[0]);
        Assert.Equal("Zielvereinbarung zv-2018-0001, Version 7; KPI-Datenlieferungen dlv-000017, dlv-000021; erstellt am 28.11.2018.", sources[^1]);
    }

    [Fact]
    public void Same_report_renders_to_the_same_text()
    {
        Assert.Equal(Html, HtmlReportRenderer.Render(Borken.Report()));
    }

    [Fact]
    public void Report_month_outside_the_year_is_refused()
    {
        var report = Borken.Report();
        var wrong = report with { Header = report.Header with { ReportMonth = new YearMonth(2019, 1) } };
        Assert.Throws<ArgumentException>(() => HtmlReportRenderer.Render(wrong));
        Assert.Throws<ArgumentException>(() => CsvReportRenderer.Render(wrong));
    }

    [Fact]
    public void Result_of_another_year_is_refused()
    {
        var report = Borken.Report();
        var wrong = report with { Header = report.Header with { Year = 2019, ReportMonth = new YearMonth(2019, 10) } };
        Assert.Throws<ArgumentException>(() => HtmlReportRenderer.Render(wrong));
    }
}
