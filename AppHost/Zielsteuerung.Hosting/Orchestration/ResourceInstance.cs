using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Launchers;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>One process of a resource (one per replica): waits for its dependencies, launches, probes health,
/// restarts it with back-off when it crashes, stops it on request.</summary>
internal sealed class ResourceInstance
{
    private static readonly TimeSpan StartupProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(5);

    // A process that stayed healthy this long is considered stable again: its next crash restarts without delay growth.
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly HostContext host;
    private readonly SemaphoreSlim control = new(1, 1);
    private CancellationTokenSource? runCancellation;
    private Task? loop;
    private int restarts;

    public ResourceInstance(HostContext host, IResource resource, int replica, int replicaCount, ResourceLauncher launcher)
    {
        this.host = host;
        Resource = resource;
        Launcher = launcher;
        Replica = replica;
        Name = replicaCount == 1 ? resource.Name : $"{resource.Name}-{replica}";
        InstanceId = $"{Name}-{Guid.NewGuid().ToString("N")[..8]}";
        Log = new ResourceLog(Path.Combine(host.LogDirectory, $"{Name}.log"));
        Snapshot = new ResourceSnapshot(Name, resource.Name, launcher.Type, ResourceState.NotStarted, HealthStatus.Unknown, 0, null, null,
            new Dictionary<string, Uri>(), null, Log.Path);
    }

    public IResource Resource { get; }

    public ResourceLauncher Launcher { get; }

    public int Replica { get; }

    public string Name { get; }

    /// <summary>Unique per run, for <c>service.instance.id</c>.</summary>
    public string InstanceId { get; }

    public ResourceLog Log { get; }

    public Dictionary<string, int> Ports { get; } = new(StringComparer.Ordinal);

    public ResourceSnapshot Snapshot { get; private set; }

    public Uri EndpointUri(string endpointName)
    {
        var endpoint = Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == endpointName)
            ?? throw new ArgumentException($"Resource '{Resource.Name}' has no endpoint named '{endpointName}'.", nameof(endpointName));
        return new Uri($"{endpoint.UriScheme}://127.0.0.1:{Ports[endpointName]}");
    }

    public void PublishEndpoints()
    {
        Snapshot = Snapshot with
        {
            Endpoints = Resource.Annotations.OfType<EndpointAnnotation>().Where(e => !e.IsInternal)
                .ToDictionary(e => e.Name, e => EndpointUri(e.Name)),
        };
        host.Notifications.Publish(Snapshot);
    }

    public async Task StartAsync()
    {
        await control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (loop is not null)
            {
                return;
            }

            runCancellation = new CancellationTokenSource();
            var token = runCancellation.Token;
            loop = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
        finally
        {
            control.Release();
        }
    }

    public async Task StopAsync()
    {
        await control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (loop is null)
            {
                return;
            }

            await runCancellation!.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
            loop = null;
            runCancellation.Dispose();
            runCancellation = null;
            Publish(Snapshot with { State = ResourceState.Stopped, Health = HealthStatus.Unknown, ProcessId = null, Message = null });
        }
        finally
        {
            control.Release();
        }
    }

    /// <summary>Kills the process without a graceful stop (tests of crash handling use this).</summary>
    public bool KillProcess()
    {
        if (Snapshot.ProcessId is not { } pid)
        {
            return false;
        }

        return NativeMethods.Kill(pid, NativeMethods.SIGKILL) == 0;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = host.Options.RestartDelay;
        try
        {
            while (true)
            {
                var dependencies = HostContext.WaitDependencies(Resource);
                if (!dependencies.All(host.IsHealthy))
                {
                    Publish(Snapshot with
                    {
                        State = ResourceState.Waiting, Health = HealthStatus.Unknown, ProcessId = null,
                        Message = $"waiting for {string.Join(", ", dependencies.Where(d => !host.IsHealthy(d)).Select(d => d.Name))}",
                    });
                    await host.Notifications.WaitForAsync(() => dependencies.All(host.IsHealthy), stop).ConfigureAwait(false);
                }

                Publish(Snapshot with { State = ResourceState.Starting, Health = HealthStatus.Unknown, ProcessId = null, ExitCode = null, Message = null });
                ChildProcess? child;
                try
                {
                    var launch = await Launcher.PrepareAsync(this, stop).ConfigureAwait(false);
                    if (launch is not null && Resource is not ProjectResource)
                    {
                        // WithEnvironment/WithReference on a server: added to what its launcher sets
                        var environment = new Dictionary<string, string?>(launch.Environment);
                        foreach (var (name, value) in host.BuildEnvironment(this))
                        {
                            environment[name] = value;
                        }

                        launch = launch with { Environment = environment };
                    }

                    child = launch is null ? null : await ChildProcess.StartAsync(launch, host.Tools, Log).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    stop.ThrowIfCancellationRequested();
                    restarts++;
                    Publish(Snapshot with
                    {
                        State = ResourceState.FailedToStart, Restarts = restarts,
                        Message = $"{e.Message} (retry in {Seconds(delay)})",
                    });
                    host.Notifications.Report(Name, $"failed to start: {e.Message}; retrying in {Seconds(delay)}");
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                    delay = Grow(delay);
                    continue;
                }

                if (child is null)
                {
                    // Nothing to run (a database): healthy while its server is; prepared again after the server restarts.
                    Publish(Snapshot with { State = ResourceState.Running, Health = HealthStatus.Healthy });
                    await host.Notifications.WaitForAsync(() => !dependencies.All(host.IsHealthy), stop).ConfigureAwait(false);
                    continue;
                }

                var healthySince = await SuperviseAsync(child, stop).ConfigureAwait(false);
                var exitCode = await child.Exited.ConfigureAwait(false);
                if (healthySince is { } since && DateTimeOffset.UtcNow - since > StableAfter)
                {
                    delay = host.Options.RestartDelay;
                }

                restarts++;
                var tail = Log.Tail(1).FirstOrDefault();
                Publish(Snapshot with
                {
                    State = ResourceState.Exited, Health = HealthStatus.Unknown, ProcessId = null, ExitCode = exitCode, Restarts = restarts,
                    Message = $"exited with code {exitCode}; restart #{restarts} in {Seconds(delay)}",
                });
                host.Notifications.Report(Name, $"exited with code {exitCode}{(tail is null ? "" : $" (last output: {tail})")}; restart #{restarts} in {Seconds(delay)}");
                await Task.Delay(delay, stop).ConfigureAwait(false);
                delay = Grow(delay);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped on request
        }
    }

    /// <summary>Probes until healthy, then watches the process; returns when it exited (or throws when stopped on request).</summary>
    private async Task<DateTimeOffset?> SuperviseAsync(ChildProcess child, CancellationToken stop)
    {
        DateTimeOffset? healthySince = null;
        try
        {
            Publish(Snapshot with { ProcessId = child.Pid });
            while (!child.Exited.IsCompleted)
            {
                stop.ThrowIfCancellationRequested();
                var healthy = await ProbeAsync(stop).ConfigureAwait(false);
                if (healthy && healthySince is null)
                {
                    healthySince = DateTimeOffset.UtcNow;
                    Publish(Snapshot with { State = ResourceState.Running, Health = HealthStatus.Healthy, Message = null });
                }
                else if (healthySince is not null && healthy != Snapshot.IsHealthy)
                {
                    Publish(Snapshot with { Health = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy });
                }

                if (healthySince is not null && !Launcher.ProbeWhileRunning)
                {
                    await child.Exited.WaitAsync(stop).ConfigureAwait(false);
                    break;
                }

                var interval = healthySince is null ? StartupProbeInterval : RunningProbeInterval;
                await Task.WhenAny(child.Exited, Task.Delay(interval, stop)).ConfigureAwait(false);
            }

            stop.ThrowIfCancellationRequested();
            return healthySince;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Publish(Snapshot with { State = ResourceState.Stopping, Message = $"stopping ({NativeMethods.SignalName(child.StopSignal)})" });
            await child.StopAsync(host.Options.StopTimeout).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return await Launcher.ProbeAsync(this, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            stop.ThrowIfCancellationRequested(); // a probe cut short by a stop request is no verdict
            return false;
        }
    }

    private static string Seconds(TimeSpan delay) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s");

    private TimeSpan Grow(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.Options.MaxRestartDelay.Ticks));

    private void Publish(ResourceSnapshot snapshot)
    {
        Snapshot = snapshot;
        host.Notifications.Publish(snapshot);
    }
}
