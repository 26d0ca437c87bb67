using System.Globalization;

namespace Zielsteuerung.Testing;

/// <summary>
/// Linux CPU control groups for a latency benchmark on a machine the whole topology shares: the processes it measures
/// (the service under test, what its calls use, the load generator) in one group, the bystanders in another that only
/// gets the CPU the measured ones leave (<c>cpu.idle</c>, the group form of SCHED_IDLE). Bystanders idle during such a
/// benchmark but still wake up — a service compiling a method to tier 1 (10–30 ms of CPU), DCP starting the docker CLI
/// every 5 s to look for a container runtime (about 25 ms) — and with equal weights each burst takes one of two cores
/// from the measured service and stalls hundreds of calls (seen in a sched_switch trace lined up with h2load's log). A
/// deployment gives a service cores of its own; this is the nearest a shared machine comes to that.
/// </summary>
/// <remarks>cgroup v1 (<c>/sys/fs/cgroup/cpu</c>) or v2 with the cpu controller; it needs root. A process started by a
/// member starts in its group. Every member goes back to the root group when this is disposed.</remarks>
public sealed class MeasuredCpuGroup : IDisposable
{
    private const string V1Root = "/sys/fs/cgroup/cpu";
    private const string V2Root = "/sys/fs/cgroup";

    private readonly string _root;
    private readonly string _measured;
    private readonly string _bystanders;

    private MeasuredCpuGroup(string root, string name)
    {
        _root = root;
        _measured = Path.Combine(root, name);
        _bystanders = Path.Combine(root, name + "-bystanders");
    }

    /// <summary>The groups, or null with <paramref name="why"/> when this machine does not let them be made.</summary>
    public static MeasuredCpuGroup? TryCreate(string name, out string why)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            string root;
            if (File.Exists(Path.Combine(V1Root, "cpu.idle")))
            {
                root = V1Root;
            }
            else if (File.Exists(Path.Combine(V2Root, "cgroup.controllers"))
                && File.ReadAllText(Path.Combine(V2Root, "cgroup.controllers")).Split(' ', '\n').Contains("cpu"))
            {
                root = V2Root;
                File.WriteAllText(Path.Combine(V2Root, "cgroup.subtree_control"), "+cpu");
            }
            else
            {
                why = "no cpu controller with cpu.idle is mounted (neither /sys/fs/cgroup/cpu nor cgroup v2 with cpu)";
                return null;
            }

            var groups = new MeasuredCpuGroup(root, name);
            Directory.CreateDirectory(groups._measured);
            Directory.CreateDirectory(groups._bystanders);
            File.WriteAllText(Path.Combine(groups._bystanders, "cpu.idle"), "1");
            why = $"{groups._measured}, bystanders in {groups._bystanders} with cpu.idle";
            return groups;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"the cpu control groups could not be made ({e.Message}); they need root";
            return null;
        }
    }

    /// <summary>Moves <paramref name="pid"/> with all its threads into the measured group (a process that is gone is skipped).</summary>
    public void Measure(int pid) => Move(pid, _measured);

    /// <summary>Moves <paramref name="pid"/> with all its threads into the bystanders' group; false for a process that
    /// is gone or that the kernel does not let move.</summary>
    public bool SetAside(int pid)
    {
        try
        {
            Write(pid, _bystanders);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var group in new[] { _measured, _bystanders }.Where(Directory.Exists))
        {
            // A member may start a process while the others move: another pass moves it too.
            for (var members = Members(group); members.Length > 0; members = Members(group))
            {
                Array.ForEach(members, pid => Move(pid, _root));
            }

            Directory.Delete(group);
        }
    }

    private static int[] Members(string group) =>
        [.. File.ReadAllLines(Path.Combine(group, "cgroup.procs")).Select(line => int.Parse(line, CultureInfo.InvariantCulture)).Where(ProcessTree.IsRunning)];

    private static void Move(int pid, string group)
    {
        try
        {
            Write(pid, group);
        }
        catch (IOException) when (!ProcessTree.IsRunning(pid))
        {
            // Exited in the meantime: nothing to move.
        }
    }

    /// <summary>Moves the process (all its threads: cgroup.procs, not tasks) into <paramref name="group"/>.</summary>
    private static void Write(int pid, string group) =>
        File.WriteAllText(Path.Combine(group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
}
