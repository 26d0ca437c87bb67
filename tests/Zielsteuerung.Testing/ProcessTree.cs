using System.Globalization;

namespace Zielsteuerung.Testing;

/// <summary>A process and its descendants, read from /proc, and waiting for them to be gone.</summary>
public static class ProcessTree
{
    /// <summary><paramref name="root"/> and every process below it now (none when <paramref name="root"/> is null).</summary>
    public static IReadOnlyList<int> Of(int? root)
    {
        if (root is null)
        {
            return [];
        }

        var parents = AllProcesses().Select(pid => (Pid: pid, Parent: Parent(pid))).ToList();
        var tree = new List<int> { root.Value };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Parent == tree[i]).Select(p => p.Pid));
        }

        return tree;
    }

    /// <summary>Every process of the machine but init (pid 1) and the kernel's threads (kthreadd, pid 2, and its children).</summary>
    public static IReadOnlyList<int> UserProcesses() => [.. AllProcesses().Where(pid => pid > 2 && Parent(pid) is not (2 or 0))];

    /// <summary>Waits until none of <paramref name="processes"/> runs any more (a zombie counts as gone).</summary>
    public static async Task WaitUntilGoneAsync(IReadOnlyList<int> processes, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (processes.Any(IsRunning))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}, but processes {string.Join(", ", processes.Where(IsRunning))} still run after {timeout.TotalSeconds} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The CPU time (user + system) <paramref name="processes"/> have used so far; gone ones count nothing.</summary>
    public static TimeSpan CpuTime(IEnumerable<int> processes) => TimeSpan.FromSeconds(processes.Sum(pid =>
    {
        if (Stat(pid) is not { } stat)
        {
            return 0.0;
        }

        // Fields after the command: state is the 3rd field of /proc/<pid>/stat, utime the 14th, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }));

    // USER_HZ, 100 on Linux for every architecture this runs on.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>The parent of <paramref name="pid"/>, or 0 when it is gone.</summary>
    public static int Parent(int pid) => Stat(pid) is { } stat
        ? int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>Whether <paramref name="pid"/> runs (a zombie holds no port or file: it does not).</summary>
    public static bool IsRunning(int pid) => Stat(pid) is { } stat && stat[stat.LastIndexOf(')') + 2] != 'Z';

    private static IEnumerable<int> AllProcesses() => Directory.GetDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
        .Where(pid => pid > 0);

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
    }
}
