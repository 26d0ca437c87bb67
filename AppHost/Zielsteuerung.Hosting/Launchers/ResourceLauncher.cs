using System.Net.Sockets;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting.Launchers;

/// <summary>How one kind of resource is prepared, launched and probed.</summary>
internal abstract class ResourceLauncher : IDisposable
{
    /// <summary>Shown in the console's type column.</summary>
    public abstract string Type { get; }

    /// <summary>Executables that must exist (see <see cref="Tools"/>) before anything starts.</summary>
    public virtual IEnumerable<string> RequiredTools => [];

    /// <summary>Keep probing after the first healthy answer (services); otherwise only the process is watched.</summary>
    public virtual bool ProbeWhileRunning => false;

    /// <summary>Once per application start, after ports are allocated and before any resource starts.</summary>
    public virtual Task InitializeAsync(HostContext host, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Prepares directories and returns the process to run, or null when the resource has no process.</summary>
    public abstract Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken);

    public abstract Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    protected static async Task<TcpClient> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
