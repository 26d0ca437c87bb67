using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>Redis as an executable resource: <c>AddRedis(…)</c>, as Aspire.Hosting.Redis offers it for containers.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>
    /// A Redis server on a loopback port Aspire allocates (or <paramref name="port"/>), with an append-only file under
    /// the state directory and a password; healthy once <c>AUTH</c> and <c>PING</c> succeed.
    /// </summary>
    /// <param name="password">By default a generated secret parameter <c>&lt;name&gt;-password</c>.</param>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var passwordParameter = password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redis = new RedisResource(name, ServerResources.Programs(builder).FindOrName("redis-server"),
            ServerResources.DataDirectoryFor(builder, name), passwordParameter);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, cancellationToken) =>
        {
            var port = await redis.PrimaryPortAsync(cancellationToken).ConfigureAwait(false);
            var password = await passwordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
            await File.WriteAllLinesAsync(redis.ConfigurationFile,
            [
                $"port {port}", $"bind {ServerResources.Loopback}", $"dir {redis.DataDirectory}", "daemonize no",
                "appendonly yes", "save \"\"", $"requirepass \"{password}\"",
            ], cancellationToken).ConfigureAwait(false);
            ServerResources.MakePrivate(redis.ConfigurationFile);
        });

        return ServerResources.AddServer(builder, redis, port)
            .WithArgs(redis.ConfigurationFile)
            .WithIconName("Memory")
            .WithHealthCheck(async cancellationToken =>
            {
                var port = await redis.PrimaryPortAsync(cancellationToken).ConfigureAwait(false);
                var password = await passwordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
                var reply = TcpProbe.Text(await TcpProbe.ExchangeAsync(port, System.Text.Encoding.UTF8.GetBytes($"AUTH \"{password}\"\r\nPING\r\n"),
                    received => TcpProbe.Text(received).Split("\r\n").Length > 2, cancellationToken).ConfigureAwait(false));
                return reply == "+OK\r\n+PONG\r\n" ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Redis answered {reply.Trim()}");
            });
    }
}
