using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>A server that runs as an executable resource, listens on one primary loopback endpoint and keeps its data in a directory of its own.</summary>
public abstract class ServerResource : ExecutableResource
{
    internal const string PrimaryEndpointName = "tcp";

    private protected ServerResource(string name, string command, string dataDirectory) : base(name, command, dataDirectory)
    {
        DataDirectory = dataDirectory;
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
    }

    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>Where the server keeps its data: <c>&lt;Servers:StateDirectory&gt;/&lt;resource name&gt;</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>The programs it runs (the names <see cref="ServerPrograms"/> knows).</summary>
    internal abstract IEnumerable<string> RequiredPrograms { get; }

    /// <summary>The port Aspire allocated to the primary endpoint (known once the resource is being started).</summary>
    internal async Task<int> PrimaryPortAsync(CancellationToken cancellationToken) =>
        int.Parse((await PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken).ConfigureAwait(false))!,
            System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What every server resource shares: its data directory, the start-up checks, loopback endpoints.</summary>
internal static class ServerResources
{
    /// <summary>Makes <paramref name="file"/> readable and writable by its owner alone (it holds a secret).</summary>
    public static void MakePrivate(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Loopback address the servers bind and connection strings name (the endpoint's host says "localhost").</summary>
    public const string Loopback = "127.0.0.1";

    /// <summary>
    /// <c>Servers:StateDirectory</c> (relative to the AppHost's directory; default <c>.state</c> there) joined with the
    /// resource's name.
    /// </summary>
    public static string DataDirectoryFor(IDistributedApplicationBuilder builder, string resourceName)
    {
        var configured = builder.Configuration["Servers:StateDirectory"];
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(builder.AppHostDirectory, ".state") : Path.GetFullPath(configured, builder.AppHostDirectory);
        return Path.Combine(root, resourceName);
    }

    public static ServerPrograms Programs(IDistributedApplicationBuilder builder) => new(builder.Configuration);

    /// <summary>
    /// Adds <paramref name="server"/> to the model with its primary endpoint (on <paramref name="port"/>, or one Aspire
    /// allocates). Before the first server is added, registers the start-up step that
    /// runs once before anything starts: every program of every server must be installed and every fixed port of the
    /// model free (else one message names them all), <c>Servers:Fresh=true</c> empties the data directories, and the
    /// data directories exist.
    /// </summary>
    public static IResourceBuilder<T> AddServer<T>(IDistributedApplicationBuilder builder, T server, int? port) where T : ServerResource
    {
        if (!builder.Resources.OfType<ServerResource>().Any())
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
            {
                var servers = @event.Model.Resources.OfType<ServerResource>().ToList();
                Programs(builder).EnsureInstalled(servers);
                FixedPorts.EnsureFree(@event.Model, randomized: builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false));
                var fresh = builder.Configuration.GetValue("Servers:Fresh", false);
                foreach (var directory in servers.Select(s => s.DataDirectory))
                {
                    if (fresh && Directory.Exists(directory))
                    {
                        Directory.Delete(directory, recursive: true);
                    }

                    CreateTraversable(directory);
                }

                return Task.CompletedTask;
            });
        }

        return builder.AddResource(server).WithWorkingDirectory(server.DataDirectory).WithLoopbackEndpoint(ServerResource.PrimaryEndpointName, port);
    }

    /// <summary>
    /// Registers <paramref name="check"/> as the health check <c>&lt;resource name&gt;_check</c> and attaches it to the
    /// resource, so that <c>WaitFor</c> holds dependents until it passes.
    /// </summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, Func<CancellationToken, Task<HealthCheckResult>> check) where T : IResource
    {
        var name = $"{builder.Resource.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, check);
        return builder.WithHealthCheck(name);
    }

    /// <summary>A loopback TCP endpoint whose port Aspire allocates (no proxy: the server itself listens on it).</summary>
    public static IResourceBuilder<T> WithLoopbackEndpoint<T>(this IResourceBuilder<T> builder, string name, int? port) where T : IResourceWithEndpoints =>
        builder.WithEndpoint(port: port, name: name, scheme: "tcp", isProxied: false);

    /// <summary>
    /// Creates <paramref name="directory"/> and its missing parents readable and traversable by all (0755): PostgreSQL
    /// runs as its own user and must reach its data directory.
    /// </summary>
    public static void CreateTraversable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The servers run from Debian's packages: Linux only.");
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
