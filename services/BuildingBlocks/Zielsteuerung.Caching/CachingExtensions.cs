using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;
using Zielsteuerung.Caching;
using Zielsteuerung.Caching.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Redis cache.</summary>
public static class CachingExtensions
{
    /// <summary>
    /// <see cref="ICache"/> over Redis at <c>ConnectionStrings:{connectionName}</c> ("host:port[,options]"), one
    /// connection per process, keys prefixed "&lt;service name&gt;:". Health check <paramref name="connectionName"/>,
    /// tagged "ready", reports Degraded (not Unhealthy) while Redis is down: the service keeps serving from its database.
    /// </summary>
    public static IHostApplicationBuilder AddRedisCache(
        this IHostApplicationBuilder builder, string connectionName = "redis", Action<CacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it).");
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Services.AddOptions<CacheOptions>().Configure(options =>
        {
            options.KeyPrefix = serviceName + ":";
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton(services => new RedisConnection(
            connectionString, services.GetRequiredService<ILogger<RedisConnection>>(), services.GetService<StackExchangeRedisInstrumentation>()));
        // Redis commands as client spans; the connection registers itself once connected. The health check's PING every
        // few seconds would bury the traces that matter (as /health and /alive are filtered out of the server spans).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddRedisInstrumentation(redis => redis.Filter = context => context.ProfiledCommand.Command != "PING"));
        builder.Services.AddSingleton<ICache, RedisCache>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new RedisHealthCheck(services.GetRequiredService<RedisConnection>()),
            failureStatus: HealthStatus.Degraded,
            tags: ["ready"]));
        return builder;
    }
}
