using Zielsteuerung.Hosting.Orchestration;
using System.Diagnostics;
using System.Text.Json;

namespace Hosting.Tests;

/// <summary>The real AppHost executable: kill -9 leaves nothing behind, and the next run (warm) works and stops on SIGTERM.</summary>
public sealed class AppHostProcessTests : IDisposable
{
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting", $"apphost-{Guid.NewGuid():N}");

    [Fact]
    public async Task Kill_9_of_the_AppHost_leaves_no_process_and_frees_its_ports_and_the_next_run_stops_cleanly_on_SIGTERM()
    {
        // first run (cold), killed hard
        var (apphost, output) = await StartAppHostAsync();
        var (pids, ports) = ReadChildren(apphost.Id);
        Assert.True(pids.Count >= 4, $"expected the AppHost's children, found {pids.Count}: {string.Join(", ", pids)}");
        Assert.All(ports, port => Assert.False(Ports.IsFree(port), $"port {port} should be in use"));

        apphost.Kill(); // SIGKILL
        await apphost.WaitForExitAsync();

        await WaitUntilAsync(() => pids.All(IsGone) && ports.All(Ports.IsFree), TimeSpan.FromSeconds(30),
            () => $"left behind: processes {string.Join(", ", pids.Where(p => !IsGone(p)))}; ports {string.Join(", ", ports.Where(p => !Ports.IsFree(p)))}");

        // second run (warm: same state directory), stopped gracefully
        (apphost, output) = await StartAppHostAsync();
        (pids, ports) = ReadChildren(apphost.Id);

        Assert.Equal(0, Kill(apphost.Id, 15)); // SIGTERM
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await apphost.WaitForExitAsync(exit.Token);
        }

        Assert.Equal(0, apphost.ExitCode);
        Assert.Contains(output, line => line.Contains("all resources stopped"));
        Assert.All(pids, pid => Assert.True(IsGone(pid), $"process {pid} outlived a graceful stop"));
        Assert.All(ports, port => Assert.True(Ports.IsFree(port), $"port {port} still in use"));
    }

    public void Dispose()
    {
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private async Task<(Process Process, List<string> Output)> StartAppHostAsync()
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[new Projects.Zielsteuerung_AppHost().ExecutablePath, "--state-dir", stateDirectory, "--no-live"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        var output = new List<string>();
        var healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("all resources healthy"))
            {
                healthy.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await healthy.Task.WaitAsync(TimeSpan.FromSeconds(180));
        }
        catch (TimeoutException)
        {
            process.Kill();
            lock (output)
            {
                Assert.Fail("AppHost did not become healthy:\n" + string.Join("\n", output));
            }
        }

        return (process, output);
    }

    /// <summary>All descendants of the AppHost (servers, their workers) and every port named in apphost.json.</summary>
    private (List<int> Pids, List<int> Ports) ReadChildren(int apphostPid)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        var descendants = new List<int>();
        var frontier = new Queue<int>([apphostPid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Parent == parent).Select(p => p.Pid))
            {
                descendants.Add(child);
                frontier.Enqueue(child);
            }
        }

        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(stateDirectory, "apphost.json")));
        var ports = state.RootElement.GetProperty("resources").EnumerateArray()
            .SelectMany(r => r.GetProperty("ports").EnumerateObject().Select(p => p.Value.GetInt32()))
            .ToList();
        return (descendants, ports);
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] == 'Z'; // a zombie has exited; only its exit status is left to collect
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, describe());
            await Task.Delay(200);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
