using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Zielsteuerung.Grpc.AspNetCore.Health;

/// <summary>
/// The serving statuses the grpc.health.v1 service reports. Service "" (the server) and every mapped gRPC service
/// follow the health checks (Healthy/Degraded: SERVING, Unhealthy: NOT_SERVING); a status set explicitly wins until
/// it is cleared. After <see cref="EnterTerminalState"/> (done when the application stops) everything is NOT_SERVING.
/// </summary>
public sealed class HealthStatusManager
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _explicitStatuses = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isMappedService;
    private readonly TaskCompletionSource _evaluated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServingStatus _checksStatus = ServingStatus.NotServing;
    private bool _terminal;

    internal HealthStatusManager(Func<string, bool> isMappedService) => _isMappedService = isMappedService;

    /// <summary>The status of <paramref name="service"/> ("" = the whole server), or null if the service is unknown.</summary>
    public ServingStatus? GetStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            var hasExplicit = _explicitStatuses.TryGetValue(service, out var explicitStatus);
            if (!hasExplicit && service.Length > 0 && !_isMappedService(service))
            {
                return null;
            }

            return _terminal ? ServingStatus.NotServing : hasExplicit ? explicitStatus : _checksStatus;
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

        lock (_gate)
        {
            _explicitStatuses[service] = status;
            NotifyChanged();
        }
    }

    /// <summary>Removes the status set for <paramref name="service"/>: it follows the health checks again (or is unknown).</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_explicitStatuses.Remove(service))
            {
                NotifyChanged();
            }
        }
    }

    /// <summary>Reports NOT_SERVING for every known service from now on, ending Watch streams (for shutdown).</summary>
    public void EnterTerminalState()
    {
        lock (_gate)
        {
            if (!_terminal)
            {
                _terminal = true;
                _evaluated.TrySetResult();
                NotifyChanged();
            }
        }
    }

    internal bool IsTerminal
    {
        get { lock (_gate) { return _terminal; } }
    }

    /// <summary>Completes once the health checks have been evaluated once (or the manager is terminal).</summary>
    internal Task Evaluated => _evaluated.Task;

    /// <summary>Completes at the next change; take it before reading a status so no change is missed.</summary>
    internal Task NextChange
    {
        get { lock (_gate) { return _changed.Task; } }
    }

    internal void SetChecksStatus(ServingStatus status)
    {
        lock (_gate)
        {
            var first = _evaluated.TrySetResult();
            if (first || status != _checksStatus)
            {
                _checksStatus = status;
                NotifyChanged();
            }
        }
    }

    private void NotifyChanged()
    {
        var completed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        completed.TrySetResult();
    }
}
