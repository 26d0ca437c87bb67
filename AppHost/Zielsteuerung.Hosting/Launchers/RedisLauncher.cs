using System.Text;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting.Launchers;

internal sealed class RedisLauncher(RedisResource redis, HostContext host) : ResourceLauncher
{
    public override string Type => "Redis";

    public override IEnumerable<string> RequiredTools => ["redis-server"];

    public override Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(host.ResourceDirectory(redis)).FullName;
        var port = instance.Ports["tcp"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult<ProcessLaunch?>(new ProcessLaunch(host.Tools.Require("redis-server"),
            ["--port", port, "--bind", "127.0.0.1", "--dir", directory, "--appendonly", "yes", "--save", "", "--daemonize", "no"]));
    }

    /// <summary>Healthy when <c>PING</c> answers <c>+PONG</c> (also false while Redis still loads its append-only file).</summary>
    public override async Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(instance.Ports["tcp"], cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
