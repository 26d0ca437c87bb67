using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zielsteuerung.ServiceDefaults;

/// <summary>
/// The last hosted service: waits (at most <c>Startup:ReadinessWait</c>, default 5 s) until the checks tagged
/// "ready" pass — in practice until the MassTransit bus has connected, which starts in the background — so that the
/// server starts listening ready and its first gRPC health evaluation is SERVING instead of NOT_SERVING for one poll
/// interval. A dependency that stays down does not stop the start: the service then listens and reports not ready.
/// </summary>
internal sealed class DependenciesReady(HealthCheckService health, IConfiguration configuration, ILogger<DependenciesReady> logger)
    : IHostedService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var wait = configuration.GetValue("Startup:ReadinessWait", TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
            if (report.Status != HealthStatus.Unhealthy)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                logger.LogWarning("Starting although not ready after {Wait}: {Checks}.", wait,
                    string.Join(", ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key)));
                return;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
