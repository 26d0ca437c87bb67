using Microsoft.Playwright;

namespace Monitoring.Reporting.Browser.Tests;

/// <summary>
/// The report opened from its file in a fresh browser context, with everything the page asked for and complained about
/// recorded from before the navigation.
/// </summary>
internal sealed class ReportPage : IAsyncDisposable
{
    /// <summary>The A4 portrait width in CSS pixels (210 mm at 96 px per inch).</summary>
    public const int A4Width = 794;

    public const int A4Height = 1123;

    private readonly IBrowserContext _context;

    private ReportPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Requests.Add(request.Url);
        page.RequestFailed += (_, request) => FailedRequests.Add($"{request.Url}: {request.Failure}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                ConsoleProblems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => ConsoleProblems.Add($"page error: {error}");
    }

    public IPage Page { get; }

    public List<string> Requests { get; } = [];

    public List<string> FailedRequests { get; } = [];

    public List<string> ConsoleProblems { get; } = [];

    public static async Task<ReportPage> OpenAsync(int width = A4Width, int height = A4Height)
    {
        var browser = await Browser.GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "de-DE",
            JavaScriptEnabled = true, // the report has no script; the checks below evaluate their own.
        });
        var page = await context.NewPageAsync();
        var opened = new ReportPage(context, page);
        var response = await page.GotoAsync(ReportFile.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{ReportFile.Url}: {response.Status}");
        return opened;
    }

    public Task<T> EvaluateAsync<T>(string script) => Page.EvaluateAsync<T>(script);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
