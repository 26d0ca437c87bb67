using System.Xml.Linq;
using static Monitoring.Reporting.Tests.Xhtml;

namespace Monitoring.Reporting.Tests;

// Section 1: one row per target at the report month, German numbers, statuses readable without colour.
public class HtmlOverviewTests
{
    private static readonly XDocument Document = Render(Borken.Report());

    [Fact]
    public void K2_row_shows_value_prior_year_change_target_gap_forecast_and_status()
    {
        // JFW October 2018 = 29.8 × 10 / 12 = 24.83 %, 2017: 24.25 % (rounded half away from zero: 24,3); change 29.8 / 29.1 − 1 = +2.41 %;
        // forecast 24.83 × median(1.19, 1.2, 1.21) = 29.8 → +2.4 %, band × (1.2 ∓ 1.29 × 0.02) = × 1.1742 / × 1.2258 → +0.20 % / +4.61 %.
        var cells = Document.TargetCells("k2-2018");
        Assert.Equal("Das Ziel zur Integrationsquote (K2) ist erreicht, wenn die Integrationsquote 2018 den Wert von 2017 erreicht (K2 = 0,0 %)",
            cells[0].Element(H + "q")!.Value);
        Assert.Equal("Integrationsquote (K2)", cells[1].OwnText());
        Assert.Equal(["Jahresfortschrittswert (JFW)"], cells[1].Subs());
        Assert.Equal($"24,8{Nnbsp}%", cells[2].Value);
        Assert.Equal($"24,3{Nnbsp}%", cells[3].Value);
        Assert.Equal($"+2,4{Nnbsp}%", cells[4].Value);
        Assert.Equal($"≥ 0,0{Nnbsp}% ggü. Vorjahr", cells[5].Value);
        Assert.Equal($"+2,4{Nnbsp}Pp.", cells[6].Value);
        Assert.Equal($"+2,4{Nnbsp}%", cells[7].OwnText());
        Assert.Equal([$"+0,2{Nnbsp}% bis +4,6{Nnbsp}%"], cells[7].Subs());
        Assert.Equal("● auf Kurs", cells[8].Value);
    }

    [Fact]
    public void Integrations_row_groups_thousands_and_writes_negative_gaps_with_a_minus_sign()
    {
        // 2 920 vs 2 900 → +0.69 %; gap 0.69 − 2.1 = −1.41 points; the band 2 920 × 1.1742 / × 1.2258 against 3 480 is
        // −1.47 % … +2.86 %: only its high end meets +2.1 %, at risk.
        var cells = Document.TargetCells("integrations-2018");
        Assert.Equal("2.920", cells[2].Value);
        Assert.Equal("2.900", cells[3].Value);
        Assert.Equal($"+0,7{Nnbsp}%", cells[4].Value);
        Assert.Equal($"≥ +2,1{Nnbsp}% ggü. Vorjahr", cells[5].Value);
        Assert.Equal($"{Minus}1,4{Nnbsp}Pp.", cells[6].Value);
        Assert.Equal([$"{Minus}1,5{Nnbsp}% bis +2,9{Nnbsp}%"], cells[7].Subs());
        Assert.Equal("▲ gefährdet", cells[8].Value);
    }

    [Fact]
    public void December_report_shows_the_year_values_and_final_statuses_without_forecast()
    {
        var document = Render(Borken.December());
        var k2 = document.TargetCells("k2-2018");
        Assert.Equal($"29,8{Nnbsp}%", k2[2].Value);
        Assert.Equal($"29,1{Nnbsp}%", k2[3].Value);
        Assert.Equal($"+2,4{Nnbsp}%", k2[4].Value);
        Assert.Equal("–", k2[7].Value);
        Assert.Equal("✔ erreicht", k2[8].Value);
        var integrations = document.TargetCells("integrations-2018");
        Assert.Equal("3.504", integrations[2].Value);
        Assert.Equal("3.480", integrations[3].Value);
        Assert.Equal("✘ verfehlt", integrations[8].Value);
        Assert.Equal("WertDez 2018", document.Descendants(H + "th").First(th => th.Value.StartsWith("Wert", StringComparison.Ordinal)).Value);
    }

    [Theory]
    [InlineData("integrations-2018", "at-risk", "▲", "gefährdet")]
    [InlineData("k2-2018", "on-track", "●", "auf Kurs")]
    [InlineData("k2-flucht-2018", "observed", "◇", "Beobachtung")]
    [InlineData("k3-2018", "at-risk", "▲", "gefährdet")]
    [InlineData("k3e1-2018", "no-data", "○", "keine Daten")]
    public void Status_is_a_symbol_and_a_word_as_well_as_a_colour(string target, string token, string symbol, string label)
    {
        var status = Document.TargetCells(target)[8];
        Assert.True(status.HasClass($"status-{token}"));
        var mark = status.Elements(H + "span").Single();
        Assert.Equal(symbol, mark.Value);
        Assert.Equal("true", (string?)mark.Attribute("aria-hidden"));
        Assert.Equal($"{symbol} {label}", status.Value);
    }

    [Fact]
    public void Missing_month_shows_dashes_not_zeros()
    {
        var cells = Document.TargetCells("k3e1-2018");
        Assert.Equal("–", cells[2].Value);
        Assert.Equal($"13,7{Nnbsp}%", cells[3].Value);
        Assert.Equal("–", cells[4].Value);
        Assert.Equal("–", cells[6].Value);
        Assert.Equal("–", cells[7].Value);
    }

    [Fact]
    public void Observation_row_has_no_target_gap_or_forecast()
    {
        var cells = Document.TargetCells("k2-flucht-2018");
        Assert.Equal($"8,0{Nnbsp}%", cells[2].Value);
        Assert.Equal("Beobachtung", cells[5].Value);
        Assert.Equal("–", cells[6].Value);
        Assert.Equal("–", cells[7].Value);
    }

    [Fact]
    public void Qualifiers_of_basis_sex_and_group_appear_under_the_indicator()
    {
        Assert.Contains("Daten ohne Wartezeit (t-0)", Document.TargetCells("lzb-dez-2018")[1].Subs());
        var report = Borken.Report();
        var k2 = Borken.K2();
        var pooled = k2 with
        {
            Result = k2.Result with
            {
                Target = k2.Target with { Sex = Sex.Women, Scope = new Scope(Aggregation.MeanOfMembers, ["05554", "05558", "05566"]) },
            },
        };
        var subs = Render(report with { Targets = [pooled] }).TargetCells("k2-2018")[1].Subs();
        Assert.Equal(["Jahresfortschrittswert (JFW)", "Frauen", "Durchschnitt von 3 Jobcentern"], subs);
    }

    [Fact]
    public void Tolerance_is_shown_with_the_target_when_agreed()
    {
        var report = Borken.Report();
        var k2 = Borken.K2();
        var tolerant = k2 with { Result = k2.Result with { Target = k2.Target with { TolerancePoints = Borken.R("0.5") } } };
        var cells = Render(report with { Targets = [tolerant] }).TargetCells("k2-2018");
        Assert.Equal([$"Toleranz 0,5{Nnbsp}Pp."], cells[5].Subs());
        Assert.Empty(Document.TargetCells("k2-2018")[5].Subs());
    }

    [Fact]
    public void Absolute_level_target_is_written_as_a_level_with_its_gap_in_units()
    {
        // "at least 3 600 integrations": October 2 920 − 3 600 = −680.
        var report = Borken.Report();
        var integrations = Borken.Integrations();
        var level = integrations with
        {
            Result = integrations.Result with
            {
                Target = integrations.Target with { Comparison = Comparison.AbsoluteLevel, TargetValue = Borken.R("3600") },
            },
        };
        level = level with { Result = AttainmentCalculator.Evaluate(level.Target, Borken.Year(2018, m => Borken.R("292") * m, m => Borken.R("290") * m, 10), [], Borken.Inputs) };
        var cells = Render(report with { Targets = [level] }).TargetCells("integrations-2018");
        Assert.Equal("≥ 3.600", cells[5].Value);
        Assert.Equal($"{Minus}680", cells[6].Value);
    }

    [Fact]
    public void Rows_are_grouped_under_their_goals_with_qualitative_goals_last()
    {
        var table = Document.Descendants(H + "table").Single(t => t.HasClass("targets"));
        var rows = table.Descendants(H + "tr").Where(r => r.HasClass("goal") || r.HasClass("target"))
            .Select(r => r.HasClass("goal") ? r.Value : (string?)r.Attribute("data-target") ?? "qualitative").ToList();
        Assert.Equal(
        [
            Borken.Integration, "integrations-2018", "k2-2018", "k2-flucht-2018",
            Borken.LongTerm, "k3-2018", "k3e1-2018", "lzb-dez-2018",
            Borken.StateGoals, "qualitative", "qualitative",
        ], rows);
        var qualitative = table.Descendants(H + "tr").First(r => r.HasClass("qualitative")).Elements(H + "td").ToList();
        Assert.Equal(9, qualitative.Count);
        Assert.Equal("– nicht bewertbar", qualitative[^1].Value);
    }

    [Fact]
    public void Legend_explains_all_eight_statuses_with_distinct_symbols()
    {
        var items = Document.Descendants(H + "ul").Single(u => u.HasClass("legend")).Elements(H + "li").ToList();
        var labels = items.Select(i => i.WithClass("status").Single().Value).ToList();
        Assert.Equal(["● auf Kurs", "▲ gefährdet", "■ nicht auf Kurs", "✔ erreicht", "✘ verfehlt", "○ keine Daten", "– nicht bewertbar", "◇ Beobachtung"], labels);
        Assert.Equal(8, items.Select(i => i.WithClass("symbol").Single().Value).Distinct().Count());
        Assert.Contains("Prozentpunkten (Pp.)", Document.Section("zielerreichung").Value);
    }

    [Fact]
    public void Column_heads_name_the_report_month_and_the_prior_year_month()
    {
        var heads = Document.Descendants(H + "table").Single(t => t.HasClass("targets")).Descendants(H + "th")
            .Where(th => (string?)th.Attribute("scope") == "col").Select(th => th.Value).ToList();
        Assert.Equal(["ZielWortlaut der Vereinbarung", "IndikatorMaß", "WertOkt 2018", "VorjahrOkt 2017", "Veränderungggü. Vorjahr", "Ziel",
            "Abstandzum Ziel", "PrognoseDezember (Spanne)", "Status"], heads);
    }
}
