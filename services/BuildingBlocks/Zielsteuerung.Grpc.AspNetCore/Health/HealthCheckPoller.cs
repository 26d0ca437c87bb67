using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Zielsteuerung.Grpc.AspNetCore.Health;

/// <summary>Evaluates the health checks at once and then every interval, feeding <see cref="HealthStatusManager"/>.</summary>
internal sealed partial class HealthCheckPoller(
    HealthCheckService healthChecks,
    HealthStatusManager manager,
    IOptions<GrpcHealthChecksOptions> options,
    ILogger<HealthCheckPoller> logger) : IAsyncDisposable
{
    // Read now: MapGrpcHealthService resolves the poller, so invalid options fail at startup.
    private readonly GrpcHealthChecksOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private ServingStatus? _lastLogged;

    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    public void Stop() => _stopping.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.Interval);
            do
            {
                manager.SetChecksStatus(await EvaluateAsync(cancellationToken));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ServingStatus> EvaluateAsync(CancellationToken cancellationToken)
    {
        ServingStatus status;
        try
        {
            var report = await healthChecks.CheckHealthAsync(_options.Predicate, cancellationToken);
            status = report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogEvaluationFailed(logger, exception);
            status = ServingStatus.NotServing;
        }

        if (status != _lastLogged)
        {
            LogStatusChanged(logger, status);
            _lastLogged = status;
        }

        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC health status of the server is now {Status}.")]
    private static partial void LogStatusChanged(ILogger logger, ServingStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating the health checks for the gRPC health service failed.")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}
