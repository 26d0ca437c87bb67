using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Monitoring.Reporting.Browser.Tests;

// What a reader sees first: the file opens on its own, says what it is about, and the overview table is there.
public partial class DocumentTests
{
    private static ReportHeader Header => ReportFile.Report.Header;

    [Fact]
    public async Task Opens_from_its_file_without_errors_and_without_fetching_anything()
    {
        await using var report = await ReportPage.OpenAsync();
        await report.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(report.ConsoleProblems);
        Assert.Empty(report.FailedRequests);
        // Self-contained: the document itself is the only request — no font, image, style sheet or script.
        Assert.Equal([ReportFile.Url], report.Requests);
        Assert.Equal(0, await report.EvaluateAsync<int>("document.querySelectorAll('script, link, img, iframe, object').length"));
    }

    [Fact]
    public async Task Title_and_heading_name_the_agreement_and_Kreis_Borken()
    {
        await using var report = await ReportPage.OpenAsync();
        var title = await report.Page.TitleAsync();
        Assert.Contains(Header.Title, title, StringComparison.Ordinal);
        Assert.Contains("Kreis Borken", title, StringComparison.Ordinal);
        Assert.Contains("Oktober 2018", title, StringComparison.Ordinal);

        var heading = report.Page.Locator("h1");
        Assert.Equal(1, await heading.CountAsync());
        Assert.True(await heading.IsVisibleAsync());
        Assert.Equal("Jobcenter Kreis Borken: Zielerreichung 2018, Stand Oktober 2018", (await heading.InnerTextAsync()).Trim());
        var agreement = report.Page.Locator(".masthead .agreement-title");
        Assert.True(await agreement.IsVisibleAsync());
        Assert.Equal(Header.Title, (await agreement.InnerTextAsync()).Trim());
        Assert.Equal("de", await report.Page.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task Targets_table_shows_one_visible_row_per_target_in_the_agreements_order()
    {
        await using var report = await ReportPage.OpenAsync();
        var table = report.Page.Locator("#zielerreichung table.targets");
        Assert.True(await table.IsVisibleAsync());

        var rows = table.Locator("tbody tr.target:not(.qualitative)");
        var expected = ReportFile.Report.Targets.Select(t => t.Target.Id).ToList();
        Assert.Equal(expected.Count, await rows.CountAsync());
        var ids = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows.Nth(i);
            Assert.True(await row.IsVisibleAsync(), $"row {i} is hidden");
            var box = await row.BoundingBoxAsync();
            Assert.True(box is { Width: > 0, Height: > 0 }, $"row {i} has no area");
            Assert.Equal(9, await row.Locator("td").CountAsync());
            ids.Add(await row.GetAttributeAsync("data-target") ?? "");
        }

        Assert.Equal(expected, ids);
        Assert.Equal(ReportFile.Report.QualitativeGoals.Count, await table.Locator("tbody tr.qualitative").CountAsync());
    }

    [Fact]
    public async Task Targets_table_writes_numbers_the_German_way()
    {
        await using var report = await ReportPage.OpenAsync();
        // The first line of each numeric cell (the forecast's range is a second line): "2.920", "+0,7 %", "−1,4 Pp.".
        var cells = await report.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('table.targets tbody tr.target td.num:not(.none)')]
              .map(td => td.firstChild.textContent)
            """);
        Assert.True(cells.Length >= 20, $"only {cells.Length} numeric cells");
        Assert.All(cells, cell => Assert.Matches(GermanNumber(), cell));
        // The integrations: 2 920 in October 2018 against 2 900, +0,7 % (thousands dot, decimal comma, narrow space).
        var integrations = report.Page.Locator("tr[data-target='integrations-2018'] td.num");
        Assert.Equal("2.920", (await integrations.Nth(0).InnerTextAsync()).Trim());
        Assert.Equal("2.900", (await integrations.Nth(1).InnerTextAsync()).Trim());
        Assert.Equal("+0,7\u202F%", (await integrations.Nth(2).InnerTextAsync()).Trim());
        Assert.DoesNotContain(cells, c => c.Contains('-', StringComparison.Ordinal)); // the minus is U+2212
    }

    // An optional sign (+ or U+2212), digits grouped by dots, an optional decimal comma, an optional unit after U+202F.
    [GeneratedRegex(@"^[+\u2212]?\d{1,3}(\.\d{3})*(,\d+)?(\u202F(%|Pp\.|€))?$")]
    private static partial Regex GermanNumber();
}
