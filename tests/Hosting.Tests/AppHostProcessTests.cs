using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>
/// The real AppHost executable, as eng/run.sh starts it (dashboard included, its ports moved aside): kill -9 leaves no
/// process behind (DCP's promise), and the next run on the same state directory comes up and stops cleanly on SIGTERM.
/// </summary>
public sealed class AppHostProcessTests : IDisposable
{
    private readonly TestStateDirectory _state = TestStateDirectory.Create();

    [Fact]
    public async Task Kill_9_of_the_AppHost_leaves_no_process_behind_and_the_next_run_comes_up_and_stops_cleanly_on_SIGTERM()
    {
        var (apphost, output) = Start();
        var family = await WaitUntilServingAsync(apphost, output);

        apphost.Kill(); // SIGKILL: the AppHost cannot clean up, DCP must
        await apphost.WaitForExitAsync();
        await WaitUntilAsync(() => family.All(IsGone), TimeSpan.FromSeconds(60),
            () => "left behind: " + string.Join(", ", family.Where(p => !IsGone(p)).Select(Describe)));

        (apphost, output) = Start();
        family = await WaitUntilServingAsync(apphost, output);

        using (var sigterm = Process.Start("kill", ["-TERM", apphost.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await sigterm.WaitForExitAsync();
            Assert.Equal(0, sigterm.ExitCode);
        }
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await apphost.WaitForExitAsync(timeout.Token);
        }

        Assert.True(apphost.ExitCode == 0, $"exit code {apphost.ExitCode}; output:{Environment.NewLine}{Tail(output)}");
        await WaitUntilAsync(() => family.All(IsGone), TimeSpan.FromSeconds(60),
            () => "outlived a graceful stop: " + string.Join(", ", family.Where(p => !IsGone(p)).Select(Describe)));
    }

    public void Dispose() => _state.Dispose();

    private (Process Process, List<string> Output) Start()
    {
        var appHostDll = AppHostAssembly();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appHostDll)!,
            ArgumentList = { appHostDll },
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["DcpPublisher__RandomizePorts"] = "true", // the services' fixed ports may be taken by a topology someone runs
                ["Servers__StateDirectory"] = _state.Path,
            },
        };
        var output = new List<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>
    /// Waits until the party registry (which starts only once every server is healthy) answers /health, then returns
    /// the AppHost's process family: DCP (which watches the AppHost) and everything below it.
    /// </summary>
    private static async Task<List<int>> WaitUntilServingAsync(Process apphost, List<string> output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TestTopology.StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(apphost.HasExited, $"the AppHost exited with {(apphost.HasExited ? apphost.ExitCode : 0)}:{Environment.NewLine}{Tail(output)}");
            var family = Family(apphost.Id);
            foreach (var url in family.Select(pid => ProcessEnvironment(pid).GetValueOrDefault("Kestrel__Endpoints__http__Url")).OfType<string>())
            {
                try
                {
                    if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
                    {
                        return Family(apphost.Id);
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the party registry did not become healthy:{System.Environment.NewLine}{Tail(output)}");
    }

    private static List<int> Family(int apphost)
    {
        var processes = Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ProcessTree.Parent(pid), CommandLine: CommandLine(pid))).ToList();
        var members = new HashSet<int>(processes.Where(p => p.Parent == apphost || p.CommandLine.Contains($"--monitor {apphost} ", StringComparison.Ordinal)
            || p.CommandLine.EndsWith($"--monitor {apphost}", StringComparison.Ordinal)).Select(p => p.Pid));
        for (var added = true; added;)
        {
            var children = processes.Where(p => members.Contains(p.Parent) && !members.Contains(p.Pid)).Select(p => p.Pid).ToList();
            members.UnionWith(children);
            added = children.Count > 0;
        }

        return [.. members];
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static Dictionary<string, string> ProcessEnvironment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)).Where(v => v.Length == 2).GroupBy(v => v[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsGone(int pid) => !ProcessTree.IsRunning(pid);

    private static string Describe(int pid) => $"{pid} ({CommandLine(pid)[..Math.Min(80, CommandLine(pid).Length)]})";

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, describe());
            await Task.Delay(250);
        }
    }

    private static string Tail(List<string> output)
    {
        lock (output)
        {
            return string.Join(System.Environment.NewLine, output.TakeLast(40));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The AppHost as built next to its project: bin/<Configuration>/<tfm>/ mirrors this test assembly's output folder.
    private static string AppHostAssembly()
    {
        var projectDirectory = Projects.Zielsteuerung_AppHost.ProjectPath; // the AppHost's project directory
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        return Path.Combine(projectDirectory, "bin", output.Parent!.Name, output.Name, "Zielsteuerung.AppHost.dll");
    }
}
