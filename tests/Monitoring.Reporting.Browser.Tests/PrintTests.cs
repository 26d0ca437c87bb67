using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Monitoring.Reporting.Browser.Tests;

// What the ministry mails or prints: Chromium's PDF of the report on A4.
public partial class PrintTests
{
    [Fact]
    public async Task Prints_to_an_A4_PDF_of_several_pages()
    {
        await using var report = await ReportPage.OpenAsync();
        var path = Output.PathOf("borken-2018-10.pdf");
        // PreferCSSPageSize: the report's own @page rule (A4 portrait, its margins, the running footer) decides.
        var pdf = await report.Page.PdfAsync(new PagePdfOptions { Path = path, Format = "A4", PrintBackground = true, PreferCSSPageSize = true });

        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        var pages = PageObject().Matches(text).Count;
        Assert.InRange(pages, 2, 12);
        // Every page is A4 portrait: 595 × 842 pt.
        var boxes = MediaBox().Matches(text).Select(m => (W: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            H: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(pages, boxes.Count);
        Assert.All(boxes, b =>
        {
            Assert.InRange(b.W, 594, 596);
            Assert.InRange(b.H, 841, 843);
        });
        Assert.Empty(report.ConsoleProblems);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
