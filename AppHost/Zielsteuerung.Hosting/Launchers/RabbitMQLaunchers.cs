using System.Globalization;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting.Launchers;

/// <summary>The broker's own Erlang port mapper on a private port, so it neither collides with nor outlives anything.</summary>
internal sealed class EpmdLauncher(HostContext host) : ResourceLauncher
{
    public override string Type => "Erlang epmd";

    public override IEnumerable<string> RequiredTools => ["epmd"];

    public override Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken) =>
        Task.FromResult<ProcessLaunch?>(new ProcessLaunch(host.Tools.Require("epmd"),
            ["-port", instance.Ports["tcp"].ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]));

    public override async Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(instance.Ports["tcp"], cancellationToken).ConfigureAwait(false);
        return true;
    }
}

internal sealed class RabbitMQLauncher(RabbitMQServerResource broker, ErlangPortMapperResource epmd, HostContext host) : ResourceLauncher
{
    // AMQP 0-9-1 protocol header; a ready broker answers with a Connection.Start method frame (frame type 1).
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    public override string Type => "RabbitMQ";

    public override IEnumerable<string> RequiredTools => ["rabbitmq-server"];

    public override Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        var directory = host.ResourceDirectory(broker);
        foreach (var sub in (string[])["home", "mnesia", "log"])
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        var config = Path.Combine(directory, "rabbitmq.conf");
        var plugins = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(config, "# written by the AppHost\n");
        File.WriteAllText(plugins, "[].\n");
        var epmdPort = host.InstancesOf(epmd)[0].Ports["tcp"];
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(directory, "home"),
            ["RABBITMQ_CONF_ENV_FILE"] = "/dev/null",
            ["RABBITMQ_NODENAME"] = $"{broker.Name}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Invariant(instance.Ports["tcp"]),
            ["RABBITMQ_DIST_PORT"] = Invariant(instance.Ports["dist"]),
            ["ERL_EPMD_PORT"] = Invariant(epmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            ["RABBITMQ_LOGS"] = "-", // to stdout, captured like every other resource's output
            // ALLOW_INPUT makes the script exec the VM (one PID that takes the stop signal) instead of wrapping it;
            // -noinput keeps the VM from reading stdin anyway.
            ["RABBITMQ_ALLOW_INPUT"] = "1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-noinput -kernel inet_dist_use_interface {127,0,0,1}",
        };
        return Task.FromResult<ProcessLaunch?>(new ProcessLaunch(host.Tools.Require("rabbitmq-server"), [])
        {
            Environment = environment,
            WorkingDirectory = directory,
        });
    }

    public override async Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(instance.Ports["tcp"], cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(ProtocolHeader, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[1];
        return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) == 1 && buffer[0] == 1;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
