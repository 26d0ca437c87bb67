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
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private ServingStatus? lastLogged;

    public void Start()
    {
        lock (gate)
        {
            loop ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    public void Stop() => stopping.Cancel();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.Interval);
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
            var report = await healthChecks.CheckHealthAsync(options.Value.Predicate, cancellationToken);
            status = report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogEvaluationFailed(logger, exception);
            status = ServingStatus.NotServing;
        }

        if (status != lastLogged)
        {
            LogStatusChanged(logger, status);
            lastLogged = status;
        }

        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC health status of the server is now {Status}.")]
    private static partial void LogStatusChanged(ILogger logger, ServingStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating the health checks for the gRPC health service failed.")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}
