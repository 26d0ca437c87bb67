using System.Diagnostics;
using System.Runtime.InteropServices;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Console;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting;

/// <summary>A built topology: starts its resources as child processes and stops them again (Aspire's type of the same name).</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    /// <summary>Set by a testing builder while it runs an AppHost's entry point: receives the builder at <c>Build()</c>.</summary>
    internal static readonly AsyncLocal<Action<IDistributedApplicationBuilder>?> BuildInterceptor = new();

    /// <summary>Set by a testing builder: adjusts the options of builders created while it runs an entry point.</summary>
    internal static readonly AsyncLocal<Action<DistributedApplicationOptions>?> OptionsInterceptor = new();

    private readonly Orchestrator orchestrator;
    private readonly DistributedApplicationOptions options;
    private readonly ConsoleReporter? console;
    private readonly Stopwatch sinceStart = new();
    private FileStream? stateLock;
    private Task? stopping;
    private bool disposed;

    internal DistributedApplication(IDistributedApplicationBuilder builder)
    {
        options = builder.Options;
        StateDirectory = ResolveStateDirectory(options);
        ResourceNotifications = new ResourceNotificationService();
        var host = new HostContext(options, StateDirectory, ResourceNotifications);
        orchestrator = new Orchestrator(builder.Resources, host);
        console = options.Console == ConsoleMode.None ? null : new ConsoleReporter(ResourceNotifications, options.Console, StateDirectory);
    }

    /// <summary>Creates the builder for an AppHost's <c>Program.cs</c>; understands <c>--fresh</c> and <c>--state-dir &lt;dir&gt;</c>.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(DistributedApplicationOptions.FromArgs(args));

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        OptionsInterceptor.Value?.Invoke(options);
        return new DistributedApplicationBuilder(options);
    }

    public ResourceNotificationService ResourceNotifications { get; }

    /// <summary>Where data, passwords, logs and <c>apphost.json</c> live.</summary>
    public string StateDirectory { get; }

    /// <summary>Checks prerequisites and ports, then starts every resource; returns without waiting for health.</summary>
    /// <exception cref="DistributedApplicationException">A tool is missing or a fixed port is taken.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (stateLock is not null)
        {
            throw new InvalidOperationException("The application was already started.");
        }

        Directory.CreateDirectory(StateDirectory);
        stateLock = LockStateDirectory(StateDirectory);
        if (options.Fresh)
        {
            WipeStateDirectory(StateDirectory);
        }

        sinceStart.Start();
        console?.Start();
        _ = ReportAllHealthyAsync();
        try
        {
            await orchestrator.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops every resource after the resources that use it, gracefully (then forcefully after the stop timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (orchestrator)
        {
            stopping ??= StopCoreAsync();
        }

        return stopping.WaitAsync(cancellationToken);
    }

    /// <summary>Starts, runs until Ctrl+C or SIGTERM (or <paramref name="cancellationToken"/>), then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we stop the children in order and then exit ourselves
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await StartAsync(shutdown.Token).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (orchestrator.Launched)
        {
            console?.Report("apphost", "stopping (reverse dependency order)");
        }
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Runs the AppHost; a configuration or prerequisite problem is printed as one message (exit code 1).</summary>
    public void Run()
    {
        if (options.Args.Any(a => a is "--help" or "-h"))
        {
            System.Console.Out.WriteLine($$"""
                Runs the topology: {{string.Join(", ", orchestrator.Host.Instances.Select(i => i.Name))}}.
                Options:
                  --state-dir <dir>  data, passwords and logs (default: <repo>/.state; env ZIELSTEUERUNG_STATE_DIR)
                  --fresh            empty the state directory first
                  --no-live          one line per change instead of the live table
                Ctrl+C or SIGTERM stops everything in reverse dependency order.
                """);
            return;
        }

        try
        {
            RunAsync().GetAwaiter().GetResult();
        }
        catch (DistributedApplicationException e)
        {
            console?.Dispose();
            System.Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The connection string of a resource (<c>ConnectionStrings__&lt;name&gt;</c>), once the application started.</summary>
    public string GetConnectionString(string resourceName) =>
        orchestrator.Resource(resourceName) is IResourceWithConnectionString resource
            ? resource.GetConnectionString() ?? throw new InvalidOperationException($"'{resourceName}' has no connection string before the application starts.")
            : throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));

    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(GetConnectionString(resourceName));

    /// <summary>The URL of a resource's endpoint (<c>http://127.0.0.1:port</c>, or <c>tcp://…</c> for servers).</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = "http", int replica = 0) =>
        orchestrator.Instance(resourceName, replica).EndpointUri(endpointName);

    /// <summary>Stops a resource (all its replicas) without stopping what depends on it; it keeps its ports.</summary>
    public Task StopResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Task.WhenAll(orchestrator.Host.InstancesOf(orchestrator.Resource(resourceName)).Select(i => i.StopAsync())).WaitAsync(cancellationToken);

    /// <summary>Starts a stopped resource again on the same ports (it waits for its dependencies as at first start).</summary>
    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Task.WhenAll(orchestrator.Host.InstancesOf(orchestrator.Resource(resourceName)).Select(i => i.StartAsync())).WaitAsync(cancellationToken);

    /// <summary>Kills a resource's process with SIGKILL, as a crash would; the AppHost restarts it.</summary>
    public bool KillResourceProcess(string resourceName, int replica = 0) => orchestrator.Instance(resourceName, replica).KillProcess();

    /// <summary>The most recent output lines of a resource (all of it is in <see cref="ResourceSnapshot.LogPath"/>).</summary>
    public IReadOnlyList<string> GetResourceLogs(string resourceName, int replica = 0, int lines = 200) =>
        orchestrator.Instance(resourceName, replica).Log.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        disposed = true;
        foreach (var instance in orchestrator.Host.Instances)
        {
            instance.Log.Dispose();
        }

        foreach (var launcher in orchestrator.Host.Instances.Select(i => i.Launcher).Distinct())
        {
            launcher.Dispose();
        }

        console?.Dispose();
        if (stateLock is null)
        {
            return; // never started: the state directory may belong to another AppHost
        }

        await stateLock.DisposeAsync().ConfigureAwait(false);
        if (options.DeleteStateDirectoryOnDispose)
        {
            DeleteDirectory(StateDirectory);
        }
    }

    private async Task StopCoreAsync()
    {
        await orchestrator.StopAsync().ConfigureAwait(false);
        if (orchestrator.Launched)
        {
            console?.Report("apphost", "all resources stopped");
        }
    }

    private async Task ReportAllHealthyAsync()
    {
        await ResourceNotifications.WaitForAsync(
            () => ResourceNotifications.GetSnapshots() is { Count: > 0 } all && all.All(s => s.IsHealthy), CancellationToken.None).ConfigureAwait(false);
        console?.Report("apphost", FormattableString.Invariant($"all resources healthy in {sinceStart.Elapsed.TotalSeconds:0.0} s"));
    }

    private static string ResolveStateDirectory(DistributedApplicationOptions options)
    {
        if (options.StateDirectory is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        // <repo>/.state: the repository is found from the AppHost's project directory, stamped into its assembly at build time.
        var start = System.Reflection.Assembly.GetEntryAssembly()?
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Zielsteuerung.AppHostProjectDirectory")?.Value ?? Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || dir.EnumerateFiles("*.sln").Any())
            {
                return Path.Combine(dir.FullName, ".state");
            }
        }

        return Path.Combine(start, ".state");
    }

    /// <summary>One AppHost per state directory: a second one would find PostgreSQL's and RabbitMQ's data in use.
    /// The lock (flock) goes away with the process, also after kill -9.</summary>
    private static FileStream LockStateDirectory(string stateDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(stateDirectory, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DistributedApplicationException(
                $"The state directory {stateDirectory} is in use by another AppHost; stop that one or choose another directory with --state-dir.", e);
        }
    }

    private static void WipeStateDirectory(string stateDirectory)
    {
        foreach (var entry in new DirectoryInfo(stateDirectory).EnumerateFileSystemInfos())
        {
            if (entry.Name == "apphost.lock")
            {
                continue;
            }

            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200); // a process that just exited may still be closing files
            }
        }
    }
}
