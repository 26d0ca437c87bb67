using System.Text.Json;

namespace Monitoring.Reporting.Browser.Tests;

// The "Verlauf im Jahr" charts as the browser lays them out: each has area, a name for screen readers, and nothing
// drawn outside its viewBox or on top of another label.
public class ChartTests
{
    private sealed record Mark(string Tag, string Class, double X, double Y, double Width, double Height, string Text);

    private sealed record Chart(string Id, double BoxWidth, double BoxHeight, double[] ViewBox, string Role, string? Title,
        string? LabelledBy, Mark[] Marks);

    private const string Measure = """
        [...document.querySelectorAll('#verlauf svg.chart')].map(svg => {
          const r = svg.getBoundingClientRect();
          const v = svg.viewBox.baseVal;
          const title = svg.querySelector(':scope > title');
          return {
            id: svg.id, boxWidth: r.width, boxHeight: r.height, viewBox: [v.x, v.y, v.width, v.height],
            role: svg.getAttribute('role'), title: title ? title.textContent : null, labelledBy: svg.getAttribute('aria-labelledby'),
            marks: [...svg.querySelectorAll('path, line, circle, rect, text')].map(e => {
              const b = e.getBBox();
              return { tag: e.tagName, class: e.getAttribute('class') || '', x: b.x, y: b.y, width: b.width, height: b.height,
                text: e.tagName === 'text' ? e.textContent : '' };
            }),
          };
        })
        """;

    private static async Task<Chart[]> ChartsAsync()
    {
        await using var report = await ReportPage.OpenAsync();
        var json = await report.EvaluateAsync<JsonElement>(Measure);
        return json.Deserialize<Chart[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static int ChartedTargets => ReportFile.Report.Targets.Count(t => t.Target.Kind == GoalKind.Quantitative && t.Target.TargetValue is not null);

    [Fact]
    public async Task Each_chart_takes_space_on_the_page_and_has_an_accessible_title()
    {
        var charts = await ChartsAsync();
        Assert.Equal(ChartedTargets, charts.Length);
        Assert.All(charts, chart =>
        {
            Assert.True(chart.BoxWidth > 300 && chart.BoxHeight > 100, $"{chart.Id}: {chart.BoxWidth} × {chart.BoxHeight} px");
            // Drawn at its own aspect ratio, not squashed.
            Assert.InRange(chart.BoxWidth / chart.BoxHeight, chart.ViewBox[2] / chart.ViewBox[3] * 0.98, chart.ViewBox[2] / chart.ViewBox[3] * 1.02);
            Assert.Equal("img", chart.Role);
            Assert.False(string.IsNullOrWhiteSpace(chart.Title), $"{chart.Id} has no title");
            Assert.Equal($"{chart.Id}-title {chart.Id}-desc", chart.LabelledBy);
        });
    }

    [Fact]
    public async Task Accessible_name_is_what_a_screen_reader_announces()
    {
        await using var report = await ReportPage.OpenAsync();
        var first = report.Page.GetByRole(Microsoft.Playwright.AriaRole.Img).First;
        var name = await first.EvaluateAsync<string>("svg => svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' ')");
        Assert.StartsWith("Integrationen", name, StringComparison.Ordinal);
        Assert.Contains("Oktober 2018", name, StringComparison.Ordinal);
        Assert.Equal(ChartedTargets, await report.Page.GetByRole(Microsoft.Playwright.AriaRole.Img).CountAsync());
    }

    [Fact]
    public async Task Lines_points_and_labels_stay_inside_the_viewBox()
    {
        var charts = await ChartsAsync();
        Assert.All(charts, chart =>
        {
            var (x0, y0, w, h) = (chart.ViewBox[0], chart.ViewBox[1], chart.ViewBox[2], chart.ViewBox[3]);
            Assert.Contains(chart.Marks, m => m.Tag == "path" && m.Class == "line");
            Assert.All(chart.Marks, m =>
            {
                var where = $"{chart.Id} {m.Tag}.{m.Class} '{m.Text}' at ({m.X:0.#}, {m.Y:0.#}) {m.Width:0.#} × {m.Height:0.#}";
                Assert.True(m.X >= x0 - 0.5 && m.Y >= y0 - 0.5 && m.X + m.Width <= x0 + w + 0.5 && m.Y + m.Height <= y0 + h + 0.5,
                    $"{where} leaves the viewBox {w} × {h}");
            });
        });
    }

    [Fact]
    public async Task Labels_do_not_overlap_each_other()
    {
        var charts = await ChartsAsync();
        Assert.All(charts, chart =>
        {
            var labels = chart.Marks.Where(m => m.Tag == "text" && m.Width > 0).ToList();
            Assert.True(labels.Count >= 12 + 3, $"{chart.Id}: {labels.Count} labels"); // the months, the ticks, the legend
            for (var i = 0; i < labels.Count; i++)
            {
                for (var j = i + 1; j < labels.Count; j++)
                {
                    var (a, b) = (labels[i], labels[j]);
                    var overlap = a.X < b.X + b.Width - 0.5 && b.X < a.X + a.Width - 0.5 && a.Y < b.Y + b.Height - 0.5 && b.Y < a.Y + a.Height - 0.5;
                    Assert.False(overlap, $"{chart.Id}: '{a.Text}' and '{b.Text}' overlap");
                }
            }
        });
    }
}
