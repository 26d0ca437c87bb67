using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zielsteuerung.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The monitoring service's replicas, each a resource instance of its own: its process, a kill -9 of it, the dashboard's
/// Stop and Start for that instance alone (with replicas, the resource's name names none of them).
/// </summary>
public sealed class MonitoringReplicas(TestTopology topology, IReadOnlyList<ResourceReplica> replicas)
{
    private const string Resource = "monitoring";

    public IReadOnlyList<ResourceReplica> All => replicas;

    public static async Task<MonitoringReplicas> FindAsync(TestTopology topology, int count) =>
        new(topology, await topology.ReplicasAsync(Resource, count));

    /// <summary>The process DCP started for the replica (its `dotnet run`), or null when it runs none.</summary>
    public int? ProcessId(ResourceReplica replica) =>
        topology.App.ResourceNotifications.TryGetCurrentState(replica.ResourceId, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>kill -9 of the replica's processes (`dotnet run` and the service below it); waits until they are gone and DCP saw it.</summary>
    public async Task<IReadOnlyList<int>> KillAsync(ResourceReplica replica)
    {
        var processes = ProcessTree.Of(ProcessId(replica) ?? throw new InvalidOperationException($"{replica} runs no process"));
        Processes.Kill(processes);
        await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(30), $"{replica} was killed", CancellationToken.None);
        using var seen = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await topology.App.ResourceNotifications.WaitForResourceAsync(Resource,
            e => e.ResourceId == replica.ResourceId && KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), seen.Token);
        return processes;
    }

    /// <summary>The dashboard's Stop for this replica; waits until its processes are gone.</summary>
    public async Task StopAsync(ResourceReplica replica)
    {
        var processes = ProcessTree.Of(ProcessId(replica));
        var stop = await topology.App.ResourceCommands.ExecuteCommandAsync(replica.ResourceId, KnownResourceCommands.StopCommand);
        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await topology.App.ResourceNotifications.WaitForResourceAsync(Resource,
                e => e.ResourceId == replica.ResourceId && KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), stopped.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{replica} did not stop within 60 s (stop command: {(stop.Success ? "ok" : stop.Message)})");
        }

        await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(30), $"{replica} was stopped", CancellationToken.None);
    }

    /// <summary>The dashboard's Start for this replica; waits until a new process of it is running and healthy.</summary>
    public async Task<TimeSpan> StartAsync(ResourceReplica replica, int? killedProcess = null)
    {
        var clock = Stopwatch.StartNew();
        var start = await topology.App.ResourceCommands.ExecuteCommandAsync(replica.ResourceId, KnownResourceCommands.StartCommand);
        if (!start.Success)
        {
            throw new InvalidOperationException($"starting {replica} failed: {start.Message}");
        }

        using var healthy = new CancellationTokenSource(TestTopology.StartTimeout);
        try
        {
            await topology.App.ResourceNotifications.WaitForResourceAsync(Resource, e =>
                e.ResourceId == replica.ResourceId
                && e.Snapshot.State?.Text == KnownResourceStates.Running
                && e.Snapshot.HealthStatus == HealthStatus.Healthy
                && ProcessId(replica) is { } pid && pid != killedProcess, healthy.Token);
        }
        catch (OperationCanceledException)
        {
            var lines = await topology.ConsoleLinesAsync(replica.ResourceId);
            throw new InvalidOperationException(
                $"{replica} was not healthy within {TestTopology.StartTimeout.TotalSeconds} s of its start. Its last console lines:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(30))}");
        }

        return clock.Elapsed;
    }
}

/// <summary>kill -9, as an operator would send it.</summary>
public static class Processes
{
    /// <summary>SIGKILL to each of <paramref name="processes"/>, the deepest first (the service before the `dotnet run` above it).</summary>
    public static void Kill(IReadOnlyList<int> processes)
    {
        foreach (var pid in processes.Reverse())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL on Linux
            }
            catch (ArgumentException)
            {
                // gone already
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
        }
    }
}
