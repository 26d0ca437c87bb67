using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Zielsteuerung.Caching.Redis;

// Degraded, not unhealthy, when Redis is down: the service still answers from its database.
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = connection.Connected;
        if (multiplexer is null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not connected; reads go to the database.");
        }
        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer; reads go to the database.", ex);
        }
    }
}
