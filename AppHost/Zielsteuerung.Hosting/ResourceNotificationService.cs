namespace Zielsteuerung.Hosting;

/// <summary>Lifecycle of one resource process (or replica).</summary>
public enum ResourceState
{
    NotStarted,

    /// <summary>Waiting for the resources it <c>WaitFor</c>s to become healthy.</summary>
    Waiting,

    Starting,
    Running,
    Stopping,

    /// <summary>Stopped on request (shutdown or <c>StopResourceAsync</c>).</summary>
    Stopped,

    /// <summary>Exited on its own; a restart follows after a back-off delay.</summary>
    Exited,

    /// <summary>Could not be launched (see the message); retried after a back-off delay.</summary>
    FailedToStart,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>What the AppHost knows about one resource process at a moment.</summary>
/// <param name="Name">Instance name: the resource name, or <c>name-0</c>, <c>name-1</c>… with replicas.</param>
/// <param name="ResourceName">The declared resource's name.</param>
public sealed record ResourceSnapshot(
    string Name,
    string ResourceName,
    string Type,
    ResourceState State,
    HealthStatus Health,
    int Restarts,
    int? ProcessId,
    int? ExitCode,
    IReadOnlyDictionary<string, Uri> Endpoints,
    string? Message,
    string LogPath)
{
    public bool IsHealthy => State == ResourceState.Running && Health == HealthStatus.Healthy;
}

/// <summary>Current state of every resource, and waiting for a resource to reach a state (Aspire's service of the same name).</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private TaskCompletionSource changed = NewSignal();

    /// <summary>Raised after every change, on the thread that made it; handlers must be quick.</summary>
    public event Action<ResourceSnapshot>? SnapshotChanged;

    /// <summary>Noteworthy events (restarts, failures), as one line each, with the instance name.</summary>
    public event Action<string, string>? EventReported;

    public IReadOnlyList<ResourceSnapshot> GetSnapshots()
    {
        lock (gate)
        {
            return order.Select(n => snapshots[n]).ToList();
        }
    }

    /// <summary>Snapshots of all instances (replicas) of a declared resource.</summary>
    public IReadOnlyList<ResourceSnapshot> GetSnapshots(string resourceName)
    {
        var result = GetSnapshots().Where(s => s.ResourceName == resourceName).ToList();
        return result.Count > 0 ? result : throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));
    }

    /// <summary>Waits until every instance of the resource is running and healthy.</summary>
    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForAsync(() => GetSnapshots(resourceName).All(s => s.IsHealthy), cancellationToken);

    /// <summary>Waits until some instance of the resource matches <paramref name="predicate"/>, and returns it.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(
        string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        ResourceSnapshot? match = null;
        await WaitForAsync(() => (match = GetSnapshots(resourceName).FirstOrDefault(predicate)) is not null, cancellationToken).ConfigureAwait(false);
        return match!;
    }

    public Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, ResourceState state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, s => s.State == state, cancellationToken);

    /// <summary>Waits until every resource is running and healthy.</summary>
    public Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default) =>
        WaitForAsync(() => GetSnapshots().All(s => s.IsHealthy), cancellationToken);

    internal async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                signal = changed.Task;
            }

            if (condition())
            {
                return;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Publish(ResourceSnapshot snapshot)
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            if (!snapshots.ContainsKey(snapshot.Name))
            {
                order.Add(snapshot.Name);
            }

            snapshots[snapshot.Name] = snapshot;
            previous = changed;
            changed = NewSignal();
        }

        previous.TrySetResult();
        SnapshotChanged?.Invoke(snapshot);
    }

    internal void Report(string instanceName, string message) => EventReported?.Invoke(instanceName, message);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
