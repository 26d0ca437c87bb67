using Microsoft.Playwright;

namespace Monitoring.Reporting.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole test assembly: Debian's <c>/usr/bin/chromium</c> (or <c>CHROMIUM_PATH</c>), driven by
/// the Playwright driver bundled in the NuGet package — nothing is downloaded. Test classes run in parallel, each test in
/// its own browser context; the browser closes when the test process exits.
/// </summary>
internal static class Browser
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private static readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> Session = new(LaunchAsync);

    public static async Task<IBrowser> GetAsync() => (await Session.Value).Browser;

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: run eng/install-prerequisites.sh --tests (Debian's chromium) or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // A container's /dev/shm is small; Chromium then crashes on large pages.
            Args = ["--disable-dev-shm-usage", "--disable-gpu"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return (playwright, browser);
    }
}

/// <summary>
/// Where the rendered report and what the browser made of it land: <c>artifacts/report-browser/</c> at the repository
/// root (found by its global.json), else <c>report-browser/</c> in the test's output directory; <c>REPORT_BROWSER_OUTPUT</c>
/// overrides both.
/// </summary>
internal static class Output
{
    public static readonly string Folder = Create();

    public static string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    private static string Create()
    {
        var folder = Environment.GetEnvironmentVariable("REPORT_BROWSER_OUTPUT") is { Length: > 0 } set ? set : Default();
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Default()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "tests")))
            {
                return System.IO.Path.Combine(dir.FullName, "artifacts", "report-browser");
            }
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, "report-browser");
    }
}

/// <summary>The Borken report (Stand Oktober 2018), rendered once and written to a file the browser opens.</summary>
internal static class ReportFile
{
    public static readonly DialogueReport Report = Monitoring.Reporting.Tests.Borken.Report();

    private static readonly Lazy<string> Written = new(() =>
    {
        var path = Output.PathOf("borken-2018-10.html");
        File.WriteAllText(path, HtmlReportRenderer.Render(Report));
        return path;
    });

    public static string Path => Written.Value;

    public static string Url => new Uri(Path).AbsoluteUri;
}
