using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>RabbitMQ as an executable resource: <c>AddRabbitMQ(…)</c>, as Aspire.Hosting.RabbitMQ offers it for containers.</summary>
public static class RabbitMQBuilderExtensions
{
    // AMQP 0-9-1 protocol header; a ready broker answers with a Connection.Start method frame (frame type 1).
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    /// <summary>
    /// A RabbitMQ broker on a loopback port Aspire allocates (or <paramref name="port"/>), with its own Erlang port
    /// mapper (<c>&lt;name&gt;-epmd</c>), its data under the state directory, one user (full rights on vhost "/"),
    /// no plugins; healthy once it answers the AMQP protocol header.
    /// </summary>
    /// <param name="userName">By default "guest" (which RabbitMQ admits on loopback only, as here).</param>
    /// <param name="password">By default a generated secret parameter <c>&lt;name&gt;-password</c>.</param>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource>? userName = null, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var programs = ServerResources.Programs(builder);
        var dataDirectory = ServerResources.DataDirectoryFor(builder, name);
        var epmd = new ErlangPortMapperResource($"{name}-epmd", programs.FindOrName("epmd"), ServerResources.DataDirectoryFor(builder, $"{name}-epmd"));
        var portMapper = ServerResources.AddServer(builder, epmd, port: null)
            .WithArgs(context =>
            {
                context.Args.Add("-port");
                context.Args.Add(epmd.PrimaryEndpoint.Property(EndpointProperty.Port));
                context.Args.Add("-address");
                context.Args.Add(ServerResources.Loopback);
            })
            .WithIconName("PlugConnected")
            .WithHealthCheck(async cancellationToken =>
            {
                await TcpProbe.ExchangeAsync(await epmd.PrimaryPortAsync(cancellationToken).ConfigureAwait(false), [], _ => true, cancellationToken)
                    .ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            });

        var userNameParameter = userName?.Resource ?? new ParameterResource($"{name}-username", _ => "guest");
        var passwordParameter = password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var broker = new RabbitMQServerResource(name, programs.FindOrName("rabbitmq-server"), dataDirectory, userNameParameter, passwordParameter, epmd);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker, async (_, cancellationToken) =>
        {
            foreach (var directory in (string[])["home", "mnesia", "log"])
            {
                Directory.CreateDirectory(Path.Combine(dataDirectory, directory));
            }

            var user = await userNameParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "guest";
            var secret = await passwordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
            await File.WriteAllTextAsync(broker.DefinitionsFile, Definitions(user, secret), cancellationToken).ConfigureAwait(false);
            ServerResources.MakePrivate(broker.DefinitionsFile);
            await File.WriteAllTextAsync(broker.ConfigurationFile, $"load_definitions = {broker.DefinitionsFile}\n", cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "enabled_plugins"), "[].\n", cancellationToken).ConfigureAwait(false);
        });

        return ServerResources.AddServer(builder, broker, port)
            .WithLoopbackEndpoint(RabbitMQServerResource.DistributionEndpointName, port: null)
            .WithEnvironment(context =>
            {
                var environment = context.EnvironmentVariables;
                environment["HOME"] = Path.Combine(dataDirectory, "home");
                environment["RABBITMQ_CONF_ENV_FILE"] = "/dev/null";
                environment["RABBITMQ_NODENAME"] = $"{name}@localhost";
                environment["RABBITMQ_NODE_IP_ADDRESS"] = ServerResources.Loopback;
                environment["RABBITMQ_NODE_PORT"] = broker.PrimaryEndpoint.Property(EndpointProperty.Port);
                environment["RABBITMQ_DIST_PORT"] = broker.GetEndpoint(RabbitMQServerResource.DistributionEndpointName).Property(EndpointProperty.Port);
                environment["ERL_EPMD_PORT"] = epmd.PrimaryEndpoint.Property(EndpointProperty.Port);
                environment["ERL_EPMD_ADDRESS"] = ServerResources.Loopback;
                environment["RABBITMQ_CONFIG_FILE"] = broker.ConfigurationFile;
                environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins");
                environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia");
                environment["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log");
                environment["RABBITMQ_PID_FILE"] = Path.Combine(dataDirectory, "rabbitmq.pid");
                environment["RABBITMQ_LOGS"] = "-"; // to stdout: the resource's console in the dashboard
                // ALLOW_INPUT makes the script exec the VM (one process that takes the stop signal); -noinput keeps it off stdin.
                environment["RABBITMQ_ALLOW_INPUT"] = "1";
                environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-noinput -kernel inet_dist_use_interface {127,0,0,1}";
            })
            .WaitFor(portMapper)
            .WithIconName("Mail")
            .WithHealthCheck(async cancellationToken =>
            {
                var reply = await TcpProbe.ExchangeAsync(await broker.PrimaryPortAsync(cancellationToken).ConfigureAwait(false), ProtocolHeader,
                    received => received.Length > 0, cancellationToken).ConfigureAwait(false);
                return reply is [1, ..] ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("RabbitMQ did not answer the AMQP protocol header.");
            });
    }

    /// <summary>
    /// RabbitMQ's definitions with one user: the password stored as rabbit_password_hashing_sha256 computes it,
    /// base64(salt ‖ SHA-256(salt ‖ password)) with a 4-byte salt.
    /// </summary>
    internal static string Definitions(string user, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return JsonSerializer.Serialize(new
        {
            users = new[] { new { name = user, password_hash = Convert.ToBase64String([.. salt, .. hash]), hashing_algorithm = "rabbit_password_hashing_sha256", tags = new[] { "administrator" }, limits = new { } } },
            vhosts = new[] { new { name = "/" } },
            permissions = new[] { new { user, vhost = "/", configure = ".*", write = ".*", read = ".*" } },
        });
    }
}
