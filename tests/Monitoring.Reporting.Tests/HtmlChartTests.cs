using System.Globalization;
using System.Xml.Linq;
using static Monitoring.Reporting.Tests.Xhtml;

namespace Monitoring.Reporting.Tests;

// Section 2: one SVG per quantitative target, its points, the target path, the prior year, the forecast band.
public class HtmlChartTests
{
    private static readonly XDocument Document = Render(Borken.Report());

    private static IReadOnlyList<XElement> Charts => Document.Section("verlauf").Descendants(Svg + "svg").ToList();

    private static XElement Chart(int index) => Charts[index];

    private static IEnumerable<XElement> Points(XElement chart, string kind) => chart.WithClass($"series-{kind}")
        .Where(g => g.Parent!.HasClass("legend") is false).SelectMany(g => g.WithClass("point"));

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void One_chart_per_quantitative_target_none_for_observations()
    {
        // integrations, K2, K3, K3E1, December stock; not the refugees' observation.
        Assert.Equal(5, Charts.Count);
        Assert.Equal(Charts.Count, Charts.Select(c => (string?)c.Attribute("id")).Distinct().Count());
        Assert.Empty(Document.Section("beobachtung").Descendants(Svg + "svg"));
    }

    [Fact]
    public void Chart_has_an_accessible_title_and_description()
    {
        var chart = Chart(1);
        var id = (string)chart.Attribute("id")!;
        Assert.Equal("img", (string?)chart.Attribute("role"));
        Assert.Equal($"{id}-title {id}-desc", (string?)chart.Attribute("aria-labelledby"));
        Assert.Equal("Integrationsquote (K2): Jahresfortschrittswert (JFW) 2018", chart.Element(Svg + "title")!.Value);
        Assert.Equal($"Oktober 2018: 24,8{Nnbsp}%, Vorjahr 24,3{Nnbsp}%; Werte für 10 Monate; Zielpfad im Dezember 29,1{Nnbsp}%; " +
            $"Prognose Dezember 29,8{Nnbsp}%, Spanne 29,2{Nnbsp}% bis 30,4{Nnbsp}%.", chart.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void Value_line_has_one_point_per_month_with_data_through_the_report_month()
    {
        Assert.Equal(10, Points(Chart(0), "value").Count());
        Assert.Equal(10, Points(Chart(1), "value").Count());
        Assert.Equal(9, Points(Chart(3), "value").Count()); // K3E1: no October delivery
        Assert.All(Points(Chart(1), "value"), p => Assert.Equal("circle", p.Name.LocalName));
    }

    [Fact]
    public void Prior_year_has_twelve_points_as_open_squares()
    {
        var prior = Points(Chart(1), "prior").ToList();
        Assert.Equal(12, prior.Count);
        Assert.All(prior, p => Assert.Equal("rect", p.Name.LocalName));
        Assert.Equal($"2017 (Vorjahr), Dezember: 29,1{Nnbsp}%", prior[^1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Higher_values_are_drawn_higher()
    {
        var heights = Points(Chart(1), "value").Select(p => Number(p, "cy")).ToList();
        Assert.Equal(heights.OrderDescending(), heights);
    }

    [Fact]
    public void Target_path_runs_through_all_twelve_months_without_markers()
    {
        var path = Chart(1).WithClass("series-target").First().WithClass("line").Single();
        var d = (string)path.Attribute("d")!;
        Assert.Equal(1, d.Count(c => c == 'M'));
        Assert.Equal(11, d.Count(c => c == 'L'));
        Assert.Empty(Points(Chart(1), "target"));
    }

    [Fact]
    public void Missing_month_breaks_the_line()
    {
        var chart = new LineChart("c", "t", "d", "a", ValueFormat.Percent,
            [new ChartSeries(SeriesKind.Value, "2018", [Borken.R("1"), Borken.R("2"), null, Borken.R("3"), null, null, null, null, null, null, null, null])], null);
        var svg = XElement.Parse(SvgLineChart.Render(chart));
        var d = (string)svg.WithClass("series-value").First().WithClass("line").Single().Attribute("d")!;
        Assert.Equal(2, d.Count(c => c == 'M'));
        Assert.Equal(1, d.Count(c => c == 'L'));
    }

    [Fact]
    public void Forecast_band_stands_at_december_with_its_value_and_span()
    {
        var chart = Chart(1);
        var forecast = chart.WithClass("forecast").First(g => g.Parent!.HasClass("legend") is false);
        Assert.Equal($"Prognose Dezember (Stand Okt): 29,8{Nnbsp}% (Spanne 29,2{Nnbsp}% bis 30,4{Nnbsp}%)", forecast.Element(Svg + "title")!.Value);
        Assert.Equal($"29,8{Nnbsp}%", forecast.WithClass("forecast-label").Single().Value);
        var band = forecast.WithClass("forecast-band").Single();
        var december = chart.WithClass("tick").Single(t => t.Value == "Dez");
        Assert.Equal(Number(december, "x"), Number(band, "x") + Number(band, "width") / 2, 1);
        var decemberPrior = Points(chart, "prior").Last();
        // 29.8 lies above the prior December (29.1): drawn higher.
        Assert.True(Number(band, "y") < Number(decemberPrior, "y"));
    }

    [Fact]
    public void Dotted_line_leads_from_the_report_month_to_the_forecast_and_the_year_is_drawn_on_top()
    {
        var chart = Chart(1);
        var path = chart.WithClass("forecast-path").Single();
        var october = Points(chart, "value").Last();
        Assert.Equal(Number(october, "cx"), Number(path, "x1"));
        Assert.Equal(Number(october, "cy"), Number(path, "y1"));
        var drawn = chart.Elements(Svg + "g").Where(g => g.HasClass("series")).Select(g => (string)g.Attribute("class")!).ToList();
        Assert.Equal(["series series-target", "series series-prior", "series series-value"], drawn);
    }

    [Fact]
    public void Chart_without_a_value_at_the_report_month_says_so()
    {
        Assert.StartsWith("Oktober 2018: kein Wert; Werte für 9 Monate;", Chart(3).Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void Months_after_the_report_month_are_not_shown()
    {
        var report = Borken.Report();
        var september = report with { Header = report.Header with { ReportMonth = new YearMonth(2018, 9) } };
        var document = Render(september);
        var k2 = document.Section("verlauf").Descendants(Svg + "svg").ElementAt(1);
        Assert.Equal(9, Points(k2, "value").Count());
        Assert.Equal($"22,4{Nnbsp}%", document.TargetCells("k2-2018")[2].Value); // 29.8 × 9 / 12 = 22.35
        var observation = document.Section("beobachtung").Descendants(H + "thead").Single().Descendants(H + "th").Count();
        Assert.Equal(1 + 9, observation);
        var csv = Csv.Table(CsvReportRenderer.Render(september));
        Assert.Equal(6 * 9 + 2, csv.Count);
        Assert.All(csv.Where(r => r["Berichtsmonat"] == "ja"), r => Assert.Equal("2018-09", r["Monat"]));
    }

    [Fact]
    public void No_band_without_a_forecast()
    {
        Assert.Empty(Chart(3).WithClass("forecast")); // K3E1 has no October value
        Assert.Empty(Render(Borken.December()).Descendants(Svg + "svg").SelectMany(c => c.WithClass("forecast")));
    }

    [Fact]
    public void Legend_names_the_year_the_target_path_the_prior_year_and_the_forecast()
    {
        var legend = Chart(1).WithClass("legend").Single().WithClass("legend-text").Select(t => t.Value);
        Assert.Equal(["2018", "Zielpfad", "2017 (Vorjahr)", "Prognose Dezember (Stand Okt)"], legend);
    }

    [Fact]
    public void Axis_ticks_are_german_numbers()
    {
        var ticks = Chart(0).WithClass("tick").Select(t => t.Value).ToList();
        Assert.Contains("4.000", ticks);
        Assert.Contains("Mär", ticks);
        var chart = new LineChart("c", "t", "d", "a", ValueFormat.Percent,
            [new ChartSeries(SeriesKind.Value, "2018", [.. Enumerable.Range(1, 12).Select(m => (Rational?)(Borken.R("0.2") * m))])], null);
        var small = XElement.Parse(SvgLineChart.Render(chart)).WithClass("tick").Select(t => t.Value).ToList();
        Assert.Equal(["0,0", "0,5", "1,0", "1,5", "2,0", "2,5", "Jan"], small.Take(7));
    }
}
