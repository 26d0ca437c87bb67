using System.Diagnostics;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>What to run for a resource.</summary>
internal sealed record ProcessLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this user when the host is root (PostgreSQL refuses to run as root).</summary>
    public string? RunAsUser { get; init; }

    /// <summary>Graceful stop; PostgreSQL wants SIGINT (fast shutdown), SIGTERM would wait for pooled clients.</summary>
    public int StopSignal { get; init; } = NativeMethods.SIGTERM;
}

/// <summary>A running child: own session (terminal Ctrl+C reaches only the host), parent-death signal, output captured.</summary>
internal sealed class ChildProcess
{
    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, int stopSignal)
    {
        this.process = process;
        StopSignal = stopSignal;
        Pid = process.Id;
    }

    public int Pid { get; }

    public int StopSignal { get; }

    /// <summary>Completes with the exit code (128 + signal when killed by a signal).</summary>
    public Task<int> Exited => exited.Task;

    public static async Task<ChildProcess> StartAsync(ProcessLaunch launch, Tools tools, ResourceLog log)
    {
        var startInfo = new ProcessStartInfo(tools.Require("setsid"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory ?? string.Empty,
        };

        // setsid: a session of its own, so a terminal's Ctrl+C goes to the host only and shutdown stays ordered.
        // setpriv: drop to the service user first, then set the parent-death signal (a credential change clears it).
        startInfo.ArgumentList.Add(tools.Require("setpriv"));
        if (launch.RunAsUser is { } user && NativeMethods.IsRoot)
        {
            startInfo.ArgumentList.Add($"--reuid={user}");
            startInfo.ArgumentList.Add($"--regid={user}");
            startInfo.ArgumentList.Add("--clear-groups");
        }

        startInfo.ArgumentList.Add($"--pdeathsig={(launch.StopSignal == NativeMethods.SIGINT ? "INT" : "TERM")}");
        startInfo.ArgumentList.Add(launch.FileName);
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = await ProcessSpawner.Shared.StartAsync(startInfo).ConfigureAwait(false);
        var child = new ChildProcess(process, launch.StopSignal);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        var processExited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => processExited.TrySetResult();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        if (process.HasExited)
        {
            processExited.TrySetResult();
        }

        _ = child.CompleteAfterOutputAsync(processExited.Task);
        return child;
    }

    /// <summary>Completes <see cref="Exited"/> once the last output lines are captured too (they explain a crash). The
    /// pipes close when the process and its own children are gone; a straggler must not hold up a restart.</summary>
    private async Task CompleteAfterOutputAsync(Task processExited)
    {
        await processExited.ConfigureAwait(false);
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        exited.TrySetResult(SafeExitCode(process));
    }

    /// <summary>Sends the stop signal, waits up to <paramref name="timeout"/>, then kills.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        NativeMethods.Kill(Pid, StopSignal);
        if (await Task.WhenAny(Exited, Task.Delay(timeout)).ConfigureAwait(false) != Exited)
        {
            NativeMethods.Kill(Pid, NativeMethods.SIGKILL);
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    public void Kill() => NativeMethods.Kill(Pid, NativeMethods.SIGKILL);

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
