using System.Diagnostics;
using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>
/// The benchmarks' CPU control groups: a measured process and a bystander land in their groups (the bystanders' with
/// cpu.idle), a process a member starts stays in its group, and disposing puts every member back and removes both.
/// </summary>
public sealed class MeasuredCpuGroupTests : IDisposable
{
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task Measured_processes_and_bystanders_are_grouped_apart_and_go_back_to_the_root_group_when_disposed()
    {
        var name = "zielsteuerung-test-" + Guid.NewGuid().ToString("N")[..8];
        var measured = Sleep();
        var bystander = Sleep();

        using (var groups = MeasuredCpuGroup.TryCreate(name, out var why))
        {
            Assert.True(groups is not null, why);
            groups.Measure(measured.Id);
            Assert.True(groups.SetAside(bystander.Id));
            Assert.Equal("/" + name, CpuGroupOf(measured.Id));
            Assert.Equal("/" + name + "-bystanders", CpuGroupOf(bystander.Id));
            Assert.Equal("1", File.ReadAllText(Path.Combine(CpuRoot, name + "-bystanders", "cpu.idle")).Trim());

            // What a member starts (h2load, by the benchmark) starts in the member's group.
            var child = await ChildOfAsync(bystander);
            Assert.Equal("/" + name + "-bystanders", CpuGroupOf(child));

            var gone = Sleep();
            gone.Kill();
            await gone.WaitForExitAsync();
            Assert.False(groups.SetAside(gone.Id));
        }

        Assert.Equal("/", CpuGroupOf(measured.Id));
        Assert.Equal("/", CpuGroupOf(bystander.Id));
        Assert.False(Directory.Exists(Path.Combine(CpuRoot, name)));
        Assert.False(Directory.Exists(Path.Combine(CpuRoot, name + "-bystanders")));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private static string CpuRoot => Directory.Exists("/sys/fs/cgroup/cpu") ? "/sys/fs/cgroup/cpu" : "/sys/fs/cgroup";

    /// <summary>The process's group in the cpu hierarchy (cgroup v1 "N:cpu:/path", v2 "0::/path").</summary>
    private static string CpuGroupOf(int pid) => File.ReadAllLines($"/proc/{pid}/cgroup")
        .Select(line => line.Split(':', 3))
        .First(parts => Directory.Exists("/sys/fs/cgroup/cpu") ? parts[1].Split(',').Contains("cpu") : parts[0] == "0")[2];

    private Process Sleep()
    {
        // The shell starts its long sleep half a second after it was started: after the test moved it.
        var process = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.5; sleep 60"]) { UseShellExecute = false })!;
        _processes.Add(process);
        return process;
    }

    /// <summary>The long sleep that the shell <paramref name="parent"/> started, once it runs.</summary>
    private static async Task<int> ChildOfAsync(Process parent)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var child = ProcessTree.Of(parent.Id).Skip(1)
                .FirstOrDefault(pid => Arguments(pid).Contains("60"));
            if (child > 0)
            {
                return child;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"sh {parent.Id} started no sleep");
    }

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (IOException)
        {
            return []; // the short sleep, gone in the meantime
        }
    }
}
