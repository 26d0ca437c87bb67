using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Zielsteuerung.Grpc.AspNetCore.Health;

/// <summary>
/// The serving statuses the grpc.health.v1 service reports. Service "" (the server) and every mapped gRPC service
/// follow the health checks (Healthy/Degraded: SERVING, Unhealthy: NOT_SERVING); a status set explicitly wins until
/// it is cleared. After <see cref="EnterTerminalState"/> (done when the application stops) everything is NOT_SERVING.
/// </summary>
public sealed class HealthStatusManager
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ServingStatus> explicitStatuses = new(StringComparer.Ordinal);
    private readonly Func<string, bool> isMappedService;
    private readonly TaskCompletionSource evaluated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServingStatus checksStatus = ServingStatus.NotServing;
    private bool terminal;

    internal HealthStatusManager(Func<string, bool> isMappedService) => this.isMappedService = isMappedService;

    /// <summary>The status of <paramref name="service"/> ("" = the whole server), or null if the service is unknown.</summary>
    public ServingStatus? GetStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (gate)
        {
            var hasExplicit = explicitStatuses.TryGetValue(service, out var explicitStatus);
            if (!hasExplicit && service.Length > 0 && !isMappedService(service))
            {
                return null;
            }

            return terminal ? ServingStatus.NotServing : hasExplicit ? explicitStatus : checksStatus;
        }
    }

    /// <summary>Sets the status of <paramref name="service"/> (which need not be mapped), overriding the health checks.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status is not (ServingStatus.Serving or ServingStatus.NotServing))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only SERVING and NOT_SERVING can be set.");
        }

        lock (gate)
        {
            explicitStatuses[service] = status;
            NotifyChanged();
        }
    }

    /// <summary>Removes the status set for <paramref name="service"/>: it follows the health checks again (or is unknown).</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (gate)
        {
            if (explicitStatuses.Remove(service))
            {
                NotifyChanged();
            }
        }
    }

    /// <summary>Reports NOT_SERVING for every known service from now on, ending Watch streams (for shutdown).</summary>
    public void EnterTerminalState()
    {
        lock (gate)
        {
            if (!terminal)
            {
                terminal = true;
                evaluated.TrySetResult();
                NotifyChanged();
            }
        }
    }

    internal bool IsTerminal
    {
        get { lock (gate) { return terminal; } }
    }

    /// <summary>Completes once the health checks have been evaluated once (or the manager is terminal).</summary>
    internal Task Evaluated => evaluated.Task;

    /// <summary>Completes at the next change; take it before reading a status so no change is missed.</summary>
    internal Task NextChange
    {
        get { lock (gate) { return changed.Task; } }
    }

    internal void SetChecksStatus(ServingStatus status)
    {
        lock (gate)
        {
            var first = evaluated.TrySetResult();
            if (first || status != checksStatus)
            {
                checksStatus = status;
                NotifyChanged();
            }
        }
    }

    private void NotifyChanged()
    {
        var completed = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        completed.TrySetResult();
    }
}
