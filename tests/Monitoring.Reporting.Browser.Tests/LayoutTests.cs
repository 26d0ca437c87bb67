using System.Text.Json;
using Microsoft.Playwright;

namespace Monitoring.Reporting.Browser.Tests;

// At the width of an A4 page the report fits: nothing sticks out to the right, no cell's text spills out of its cell,
// and a full-page screenshot shows a document rather than a blank or single-coloured page.
public class LayoutTests
{
    // Elements whose content is wider than their box (text running out of a table cell, a chart wider than the column).
    private static string Spilling(string selector) => $$"""
        [...document.querySelectorAll('{{selector}}')]
          .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
          .map(e => `${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className}: ${e.scrollWidth} > ${e.clientWidth} px '${e.textContent.trim().slice(0, 60)}'`)
        """;

    private const string Content = "tbody th, td, caption, h1, h2, h3, p, dd, dt, li, figure, figcaption, svg";

    private static async Task<ReportPage> OpenAsync(int width, string media)
    {
        var report = await ReportPage.OpenAsync(width);
        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = media == "print" ? Media.Print : Media.Screen });
        return report;
    }

    [Theory]
    [InlineData(ReportPage.A4Width, "screen")]
    [InlineData(669, "print")] // the A4 text width between @page's 18 mm and 15 mm margins
    public async Task Nothing_overflows_horizontally_at_A4_width(int width, string media)
    {
        await using var report = await OpenAsync(width, media);
        var (scroll, client) = (await report.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await report.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"the page is {scroll} px wide in a {client} px window");
        Assert.Empty(await report.EvaluateAsync<string[]>(Spilling(Content)));
    }

    [Theory]
    [InlineData(ReportPage.A4Width, "screen")]
    [InlineData(669, "print")]
    public async Task Column_heads_fit_their_columns_at_A4_width(int width, string media)
    {
        await using var report = await OpenAsync(width, media);
        Assert.Empty(await report.EvaluateAsync<string[]>(Spilling("thead th")));
    }

    [Fact]
    public async Task Full_page_screenshot_shows_a_document()
    {
        await using var report = await ReportPage.OpenAsync();
        var path = Output.PathOf("borken-2018-10.png");
        var png = await report.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        Assert.True(File.Exists(path));

        // Several A4 pages long, and drawn: a good share of pixels inked in many distinct colours (text, rules, charts,
        // the Okabe–Ito status colours), not a blank or single-colour page.
        var pixels = await PixelsAsync(png);
        Assert.Equal(ReportPage.A4Width, pixels.Width);
        Assert.True(pixels.Height > 3 * ReportPage.A4Height, $"only {pixels.Height} px tall");
        Assert.InRange(pixels.InkedShare, 0.02, 0.6);
        Assert.True(pixels.Colours >= 50, $"only {pixels.Colours} distinct colours");

        // A blank page of the same size compresses to far less than the report does.
        await using var blank = await ReportPage.OpenAsync();
        await blank.Page.SetContentAsync($"<html><body style='margin:0'><div style='height:{pixels.Height}px'></div></body></html>");
        var empty = await blank.Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        Assert.True(png.Length > 10 * empty.Length, $"report {png.Length} B, blank page {empty.Length} B");
    }

    private sealed record Pixels(int Width, int Height, double InkedShare, int Colours);

    // Decodes the PNG in a blank page's canvas: size, the share of pixels that are not near-white, distinct colours.
    private static async Task<Pixels> PixelsAsync(byte[] png)
    {
        var browser = await Browser.GetAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var result = await page.EvaluateAsync<JsonElement>("""
            async (data) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
              const g = canvas.getContext('2d');
              g.drawImage(image, 0, 0);
              const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
              const colours = new Set();
              let inked = 0;
              for (let i = 0; i < px.length; i += 4) {
                const [r, gr, b] = [px[i], px[i + 1], px[i + 2]];
                if (r < 235 || gr < 235 || b < 235) inked++;
                colours.add((r << 16) | (gr << 8) | b);
              }
              return { width: canvas.width, height: canvas.height, inkedShare: inked / (px.length / 4), colours: colours.size };
            }
            """, Convert.ToBase64String(png));
        return result.Deserialize<Pixels>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
