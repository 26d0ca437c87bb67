using System.Xml.Linq;
using static Monitoring.Reporting.Tests.Xhtml;

namespace Monitoring.Reporting.Tests;

// Sections 3–6: Vergleichstyp, observations, qualitative goals, measures; and encoding of whatever text comes in.
public class HtmlSectionsTests
{
    private static readonly XDocument Document = Render(Borken.Report());

    private static IReadOnlyList<string> ComparisonCells(string figure) => Document.Section("vergleich").Descendants(H + "tr")
        .Single(r => (string?)r.Attribute("data-figure") == figure).Elements(H + "td").Select(c => c.Value).ToList();

    [Fact]
    public void Comparison_row_shows_value_rank_quartile_median_distance_state_and_federal_values()
    {
        // 9 members; only 31.2 is better than 29.8 → rank 2, quartile 1 (1 of 9 ahead); median 26.0; distance +3.8 points.
        Assert.Equal([$"29,8{Nnbsp}%", "2 von 9", "1", $"26,0{Nnbsp}%", $"+3,8{Nnbsp}Pp.", $"22,9{Nnbsp}%", $"24,9{Nnbsp}%"], ComparisonCells("K2"));
    }

    [Fact]
    public void Comparison_of_a_lower_is_better_figure_ranks_low_values_first_and_names_members_without_value()
    {
        // 8 values (one member without): −2.0 is better; −1.2 twice ties for rank 2; median (−0.3 + 0.4) / 2 = 0.05.
        Assert.Equal([$"{Minus}1,2{Nnbsp}%", "2 von 8", "1", $"0,1{Nnbsp}%", $"{Minus}1,3{Nnbsp}Pp.", $"0,8{Nnbsp}%", $"{Minus}0,6{Nnbsp}%"], ComparisonCells("K3"));
        var section = Document.Section("vergleich");
        Assert.Contains("niedriger ist besser", section.Value);
        Assert.Contains("Veränderung des Bestands an Langzeitleistungsbeziehenden (K3): 1 Jobcenter", section.WithClass("note").Single().Value);
    }

    [Fact]
    public void Comparison_heads_name_the_jobcenter_the_state_and_the_federation()
    {
        var heads = Document.Section("vergleich").Descendants(H + "th").Where(th => (string?)th.Attribute("scope") == "col").Select(th => th.Value);
        Assert.Equal(["Kennzahl", "Jobcenter Kreis Borken", "Rang", "Quartil", "Median Vergleichstyp", "Abstand zum Median", "NRW", "Bund"], heads);
        Assert.Contains("Vergleichstyp IIb mit 9 Jobcentern", Document.Section("vergleich").Element(H + "table")!.Element(H + "caption")!.Value);
    }

    [Fact]
    public void Observation_shows_its_series_and_prior_year_comparison()
    {
        var table = Document.Section("beobachtung").Descendants(H + "table").Single();
        var heads = table.Descendants(H + "th").Where(th => (string?)th.Attribute("scope") == "col").Select(th => th.Value).ToList();
        Assert.Equal(["Monat", "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt"], heads);
        var rows = table.Descendants(H + "tbody").Single().Elements(H + "tr").ToList();
        Assert.Equal(["2018", "2017 (Vorjahr)", "Veränderung"], rows.Select(r => r.Element(H + "th")!.Value));
        Assert.Equal($"8,0{Nnbsp}%", rows[0].Elements(H + "td").Last().Value);
        Assert.Equal($"7,0{Nnbsp}%", rows[1].Elements(H + "td").Last().Value);
        Assert.Equal($"+14,3{Nnbsp}%", rows[2].Elements(H + "td").Last().Value);
        Assert.Contains("Integrationsquote der ELB aus den 8 wichtigsten Asylherkunftsländern", Document.Section("beobachtung").Element(H + "h3")!.Value);
    }

    [Fact]
    public void Qualitative_goal_shows_the_written_assessment_in_paragraphs_or_says_there_is_none()
    {
        var section = Document.Section("qualitativ");
        Assert.Single(section.Elements(H + "h3"));
        var goals = section.WithClass("qualitative").ToList();
        Assert.Equal(2, goals.Count);
        var paragraphs = goals[0].WithClass("assessment").Single().Elements(H + "p").Select(p => p.Value).ToList();
        Assert.Equal(["Einschätzung (MAGS NRW)", "Der Kreis Borken hat die Schwerpunkte in sein Planungsdokument übernommen.",
            "Offen ist die Quote bei U25 < 20 % & die Abstimmung mit der RD."], paragraphs);
        Assert.Equal("Eine schriftliche Einschätzung liegt noch nicht vor.", goals[1].WithClass("none").Single().Value);
    }

    [Fact]
    public void Measures_show_owner_due_date_state_and_mark_overdue_ones()
    {
        var rows = Document.Section("massnahmen").Descendants(H + "tbody").Single().Elements(H + "tr").ToList();
        Assert.Equal(3, rows.Count);
        var first = rows[0].Elements(H + "td").ToList();
        Assert.Equal("Fallmanagement für Langzeitleistungsbeziehende ab vier Jahren Bezugsdauer ausweiten", first[0].OwnText());
        Assert.Equal(["vereinbart: 1. Steuerungsdialog am 18.05.2018"], first[0].Subs());
        Assert.Equal("Jobcenter Kreis Borken", first[1].Value);
        Assert.Equal("30.09.2018", first[2].Value);
        Assert.Equal("in Bearbeitung", first[3].OwnText());
        Assert.Equal(["! überfällig"], first[3].Subs());
        Assert.Equal("zwei von drei Stellen besetzt", first[4].Value);
        Assert.Equal("erledigt", rows[1].Elements(H + "td").ElementAt(3).Value);
        Assert.Equal("offen", rows[2].Elements(H + "td").ElementAt(3).Value);
        Assert.Single(Document.Section("massnahmen").WithClass("overdue"));
    }

    [Fact]
    public void Measure_without_due_date_or_follow_up_shows_dashes()
    {
        var report = Borken.Report() with { Measures = [new AgreedMeasure("Maßnahme", "MAGS NRW", null, MeasureState.Open)] };
        var cells = Render(report).Section("massnahmen").Descendants(H + "tbody").Single().Descendants(H + "td").Select(c => c.Value);
        Assert.Equal(["Maßnahme", "MAGS NRW", "–", "offen", "–"], cells);
    }

    [Fact]
    public void Qualitative_target_among_the_targets_is_not_assessable_and_not_charted()
    {
        var report = Borken.Report();
        var k2 = Borken.K2();
        var qualitative = k2 with { Result = k2.Result with { Target = k2.Target with { Kind = GoalKind.Qualitative } } };
        var document = Render(report with { Targets = [qualitative] });
        Assert.Equal("– nicht bewertbar", document.TargetCells("k2-2018")[8].Value);
        Assert.Equal("–", document.TargetCells("k2-2018")[6].Value);
        Assert.Empty(document.Descendants(Svg + "svg"));
    }

    [Fact]
    public void Report_without_kpi_deliveries_says_none()
    {
        var report = Borken.Report();
        var none = report with { Header = report.Header with { Provenance = new Provenance("zv-2018-0001", 7, []) } };
        var facts = Render(none).Descendants(H + "dd").Select(d => d.Value);
        Assert.Contains("Zielvereinbarung zv-2018-0001, Version 7; KPI-Datenlieferungen keine", facts);
    }

    [Fact]
    public void Overview_columns_have_fixed_widths_that_fill_the_page_width()
    {
        var widths = Document.Descendants(H + "col").Select(c => ((string)c.Attribute("style")!).Replace("width: ", "").TrimEnd('%'))
            .Select(w => decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(9, widths.Count);
        Assert.Equal(100m, widths.Sum());
        Assert.Equal("9", (string?)Document.Descendants(H + "tr").First(r => r.HasClass("goal")).Element(H + "th")!.Attribute("colspan"));
    }

    [Fact]
    public void No_measures_says_so()
    {
        var report = Borken.Report() with { Measures = [] };
        Assert.Equal("In früheren Steuerungsdialogen wurden keine Maßnahmen vereinbart.", Render(report).Section("massnahmen").Element(H + "p")!.Value);
    }

    [Fact]
    public void Markup_in_the_wording_is_text_not_markup()
    {
        const string wording = "K2 <script>alert('x')</script> & „mehr“ > 0 \"zitiert\"";
        var report = Borken.Report();
        var k2 = Borken.K2();
        var odd = k2 with { Result = k2.Result with { Target = k2.Target with { Wording = wording, Id = "k2\"<x>" } } };
        var html = HtmlReportRenderer.Render(report with { Targets = [odd] });
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("K2 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; „mehr“ &gt; 0 &quot;zitiert&quot;", html, StringComparison.Ordinal);
        var document = Parse(html);
        Assert.Equal(wording, document.TargetCells("k2\"<x>")[0].Element(H + "q")!.Value);
        Assert.Equal(wording, document.Section("verlauf").Descendants(H + "figcaption").Single().WithClass("sub").Single().Value);
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_replaced_so_the_file_stays_well_formed()
    {
        var report = Borken.Report();
        var odd = report with { QualitativeGoals = [new QualitativeGoal("Ziel\u0001", "Satz\uD800 mit Steuerzeichen\u0008", "Text\uFFFF")] };
        var document = Render(odd);
        Assert.Equal("Ziel\uFFFD", document.Section("qualitativ").Element(H + "h3")!.Value);
        Assert.Contains("Satz\uFFFD mit Steuerzeichen\uFFFD", document.Section("qualitativ").Value);
    }
}
