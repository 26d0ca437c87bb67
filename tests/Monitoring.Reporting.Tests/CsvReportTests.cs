namespace Monitoring.Reporting.Tests;

// The CSV read back with an independent RFC 4180 reader.
public class CsvReportTests
{
    private static readonly string Text = CsvReportRenderer.Render(Borken.Report());
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Rows = Csv.Table(Text);

    private static IReadOnlyDictionary<string, string> Row(string target, string month) =>
        Rows.Single(r => r["Ziel-ID"] == target && r["Monat"] == month);

    [Fact]
    public void Header_line_names_the_columns()
    {
        Assert.Equal(CsvReportRenderer.Columns, Csv.Parse(Text)[0]);
        Assert.StartsWith("Ziel-ID;Ziel;Wortlaut;Indikator;Code;Maß;Monat;Berichtsmonat;Einheit;Wert;", Text);
    }

    [Fact]
    public void One_row_per_target_and_month_through_the_report_month_and_one_per_qualitative_goal()
    {
        // six targets × January..October, two qualitative goals.
        Assert.Equal(6 * 10 + 2, Rows.Count);
        Assert.Equal(8, Rows.Count(r => r["Berichtsmonat"] == "ja"));
        Assert.All(Rows.Where(r => r["Berichtsmonat"] == "ja"), r => Assert.Equal("2018-10", r["Monat"]));
    }

    [Fact]
    public void K2_report_month_row_has_exact_numbers_with_decimal_comma()
    {
        // 149/6 = 24.8333; 24.25; change 149/145.5 − 1 = 2.4055 %; forecast 29.8, band 29.5517 … 30.0483.
        var row = Row("k2-2018", "2018-10");
        Assert.Equal("ja", row["Berichtsmonat"]);
        Assert.Equal("%", row["Einheit"]);
        Assert.Equal("24,8333", row["Wert"]);
        Assert.Equal("24,25", row["Vorjahreswert"]);
        Assert.Equal("2,4055", row["Veränderung in %"]);
        Assert.Equal("Veränderung in %", row["Zielart"]);
        Assert.Equal("mindestens", row["Richtung"]);
        Assert.Equal("0", row["Zielwert"]);
        Assert.Equal("24,25", row["Zielpfad"]);
        Assert.Equal("2,4055", row["Abstand"]);
        Assert.Equal("29,8", row["Prognose"]);
        Assert.Equal("29,1593", row["Prognose von"]);
        Assert.Equal("30,4407", row["Prognose bis"]);
        Assert.Equal("2,4055", row["Prognose Veränderung in %"]);
        Assert.Equal("auf Kurs", row["Status"]);
        Assert.Equal("zv-2018-0001", row["Vereinbarung"]);
        Assert.Equal("7", row["Version"]);
        Assert.Equal("dlv-000017, dlv-000021", row["Datenlieferungen"]);
        Assert.Equal("Integrationsquote (K2)", row["Indikator"]);
        Assert.Equal("Jahresfortschrittswert (JFW)", row["Maß"]);
    }

    [Fact]
    public void Earlier_month_rows_carry_the_target_path_and_negative_numbers_with_a_hyphen()
    {
        var january = Row("integrations-2018", "2018-01");
        Assert.Equal("nein", january["Berichtsmonat"]);
        Assert.Equal("292", january["Wert"]);
        Assert.Equal("296,09", january["Zielpfad"]); // 290 × 1.021
        Assert.Equal("-1,4103", Row("integrations-2018", "2018-10")["Abstand"]);
        Assert.DoesNotContain('\u2212', Text);
        Assert.DoesNotContain('\u202F', Text);
    }

    [Fact]
    public void Observations_and_qualitative_goals_have_no_target_columns()
    {
        var observation = Row("k2-flucht-2018", "2018-10");
        Assert.Equal(("", "", "", "", ""), (observation["Zielart"], observation["Zielwert"], observation["Zielpfad"], observation["Abstand"], observation["Prognose"]));
        Assert.Equal("Beobachtung", observation["Status"]);
        var qualitative = Rows.Where(r => r["Ziel"] == Borken.StateGoals).ToList();
        Assert.Equal(2, qualitative.Count);
        Assert.All(qualitative, r => Assert.Equal(("nicht bewertbar", "2018-10", "", "zv-2018-0001"), (r["Status"], r["Monat"], r["Wert"], r["Vereinbarung"])));
    }

    [Fact]
    public void Missing_values_are_empty_fields_and_the_status_says_no_data()
    {
        var row = Row("k3e1-2018", "2018-10");
        Assert.Equal(("", "", "keine Daten"), (row["Wert"], row["Veränderung in %"], row["Status"]));
        Assert.NotEqual("", row["Vorjahreswert"]);
    }

    [Fact]
    public void Separator_quote_and_line_break_in_text_are_quoted_and_read_back_unchanged()
    {
        const string wording = "K2 \"= 0,0 %\"; gegenüber 2017\r\nzweite Zeile";
        var report = Borken.Report();
        var k2 = Borken.K2();
        var odd = k2 with { Result = k2.Result with { Target = k2.Target with { Wording = wording } } };
        var text = CsvReportRenderer.Render(report with { Targets = [odd], QualitativeGoals = [] });
        Assert.Contains("\"K2 \"\"= 0,0 %\"\"; gegenüber 2017\r\nzweite Zeile\"", text);
        var rows = Csv.Table(text);
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(wording, r["Wortlaut"]));
    }

    [Fact]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe()
    {
        var report = Borken.Report() with
        {
            Targets = [],
            QualitativeGoals = [new QualitativeGoal("=HYPERLINK(\"http://x\")", "+1 Satz"), new QualitativeGoal("@Ziel", "- Liste")],
        };
        var rows = Csv.Table(CsvReportRenderer.Render(report));
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "'@Ziel"], rows.Select(r => r["Ziel"]));
        Assert.Equal(["'+1 Satz", "'- Liste"], rows.Select(r => r["Wortlaut"]));
    }

    [Fact]
    public void Every_record_ends_with_crlf_and_has_every_column()
    {
        Assert.EndsWith("\r\n", Text);
        Assert.All(Csv.Parse(Text), r => Assert.Equal(CsvReportRenderer.Columns.Count, r.Count));
    }
}
