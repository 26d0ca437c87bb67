using System.Collections.Concurrent;
using System.Diagnostics;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>
/// Forks every child from one dedicated thread. Children get <c>PR_SET_PDEATHSIG</c> (through <c>setpriv --pdeathsig</c>)
/// so that they die with the host even after <c>kill -9</c>; Linux fires that signal when the *thread* that forked the
/// child exits, and thread-pool threads retire when idle — so the forking thread must live as long as the process.
/// </summary>
internal sealed class ProcessSpawner
{
    private static readonly Lazy<ProcessSpawner> shared = new(() => new ProcessSpawner());

    private readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> requests = [];

    private ProcessSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "zielsteuerung-process-spawner" };
        thread.Start();
    }

    public static ProcessSpawner Shared => shared.Value;

    public Task<Process> StartAsync(ProcessStartInfo startInfo)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        requests.Add((startInfo, started));
        return started.Task;
    }

    private void Run()
    {
        foreach (var (startInfo, started) in requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
                process.Start();
                started.SetResult(process);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
