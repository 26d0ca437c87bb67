using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Zielsteuerung.ServiceDefaults;

// Without OpenTelemetry.Extensions.Hosting nothing would create the providers: resolving them here, when the
// host constructs its hosted services, starts tracing before any of them runs. The container disposes
// (and so flushes) them on shutdown.
internal sealed class TelemetryActivation(TracerProvider tracerProvider, MeterProvider meterProvider) : IHostedService
{
    public TracerProvider TracerProvider { get; } = tracerProvider;

    public MeterProvider MeterProvider { get; } = meterProvider;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        TracerProvider.ForceFlush(5000);
        MeterProvider.ForceFlush(5000);
        return Task.CompletedTask;
    }
}
