using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Zielsteuerung.Testing;

/// <summary>
/// The AppHost's topology (its Program.cs) under Aspire.Hosting.Testing, in a state directory of its own that is
/// deleted with it. Start one per test assembly and share it (an xunit collection fixture).
/// </summary>
public sealed class TestTopology : IAsyncDisposable
{
    /// <summary>Time for a cold start on a loaded 2-core machine (RabbitMQ alone takes up to 10 s, initdb 1 s, the services' builds are done).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private TestTopology(DistributedApplication app, TestStateDirectory state)
    {
        App = app;
        State = state;
    }

    public DistributedApplication App { get; }

    public TestStateDirectory State { get; }

    /// <summary>
    /// Builds the AppHost's model, lets <paramref name="configure"/> adjust it (environment of a service, say), starts it
    /// and waits until every resource is healthy; on a timeout the exception lists each resource's state.
    /// </summary>
    public static async Task<TestTopology> StartAsync(Action<IDistributedApplicationTestingBuilder>? configure = null, params string[] args)
    {
        var state = TestStateDirectory.Create();
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zielsteuerung_AppHost>(
                [$"--Servers:StateDirectory={state.Path}", .. args]);
            builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            ExportNoTelemetryWithoutADashboard(builder);
            configure?.Invoke(builder);
            var app = await builder.BuildAsync();
            var topology = new TestTopology(app, state);
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                await app.StartAsync(timeout.Token);
                await topology.WaitForAllHealthyAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                var states = topology.Describe();
                await topology.DisposeAsync();
                throw new TimeoutException($"The topology was not healthy within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{states}");
            }

            return topology;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Aspire.Hosting.Testing runs no dashboard but still points the services' OTLP exporters at its address, with
    /// in-memory retries: a service that stopped with telemetry queued then retried into the void past DCP's stop
    /// timeout ("Failed to stop resource"). Tests that look at telemetry set their own collector in <c>configure</c>.
    /// </summary>
    private static void ExportNoTelemetryWithoutADashboard(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }
    }

    /// <summary>Waits until every resource the dashboard shows (parameters aside) reports Healthy.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(VisibleResources().Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken)));

    /// <summary>
    /// The environment variables the AppHost set for <paramref name="resource"/> (not those it inherited from this
    /// process), e.g. <c>Kestrel__Endpoints__grpc__Url</c>: the service's own port, behind DCP's development proxy.
    /// </summary>
    public Dictionary<string, string> ResourceEnvironment(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var state))
        {
            throw new InvalidOperationException($"no resource '{resource}' in the topology.");
        }

        return state.Snapshot.EnvironmentVariables.Where(v => v.IsFromSpec && v.Value is not null)
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value!, StringComparer.Ordinal);
    }

    /// <summary>The <paramref name="count"/> replicas of <paramref name="resource"/>, each at its own port, ordered by instance id.</summary>
    public async Task<IReadOnlyList<ResourceReplica>> ReplicasAsync(string resource, int count)
    {
        var found = new SortedDictionary<string, ResourceReplica>(StringComparer.Ordinal);
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(enough.Token))
            {
                if (update.Resource.Name == resource && update.Snapshot.EnvironmentVariables
                    .FirstOrDefault(v => v.Name == "Kestrel__Endpoints__grpc__Url" && v.IsFromSpec)?.Value is { } url)
                {
                    found[update.ResourceId] = new ResourceReplica(update.ResourceId, new Uri($"http://127.0.0.1:{new Uri(url).Port}"));
                    if (found.Count == count)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"found {found.Count} of {count} replicas of '{resource}': {string.Join(", ", found.Values)}");
        }

        return [.. found.Values];
    }

    /// <summary>The resources the dashboard lists, parameters aside.</summary>
    public IReadOnlyList<string> VisibleResources() =>
        [.. App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is not ParameterResource)
            .Where(r => !App.ResourceNotifications.TryGetCurrentState(r.Name, out var e) || !e.Snapshot.IsHidden)
            .Select(r => r.Name)];

    /// <summary>
    /// Stops <paramref name="resource"/> (as the dashboard's Stop command does) and waits until it has: its state is
    /// terminal and every process of it is gone. A project runs as `dotnet run` with the service as its child, and DCP
    /// reports the stop when `dotnet run` has exited; the service may still be shutting down and holding its ports.
    /// </summary>
    public async Task StopResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        var processes = ProcessTree.Of(ProcessId(resource));
        // Aspire reports a failed stop when DCP has not seen the process end within its wait (`dotnet run` sometimes
        // takes ~10 s to pass SIGTERM on); DCP goes on stopping it, so the terminal state below is what counts.
        var stop = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stopped.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, stopped.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var lines = await ConsoleLinesAsync(resource);
            throw new InvalidOperationException(
                $"{resource} did not stop within 60 s (stop command: {(stop.Success ? "ok" : stop.Message)}). Its last console lines:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(30))}");
        }

        await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(30), $"{resource} was stopped", cancellationToken);
    }

    /// <summary>
    /// Starts <paramref name="resource"/> again (same ports, same data) and waits until it is healthy; if it fails,
    /// the exception carries the resource's last console lines.
    /// </summary>
    public async Task StartResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        try
        {
            // Right after the command the snapshot may still show the stop's terminal state, which the health wait would
            // take for a failed start: wait until the start shows, then for health (a start that fails still fails).
            await App.ResourceNotifications.WaitForResourceAsync(resource,
                e => !KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        }
        catch (DistributedApplicationException failed)
        {
            var lines = await ConsoleLinesAsync(resource);
            throw new InvalidOperationException(
                $"{failed.Message} Its last console lines:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(30))}", failed);
        }
    }

    /// <summary>The process DCP started for <paramref name="resource"/> (for a project: its `dotnet run`), or null.</summary>
    public int? ProcessId(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The console lines of <paramref name="resource"/> so far (what the dashboard's Console page shows).</summary>
    public async Task<List<string>> ConsoleLinesAsync(string resource)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current))
        {
            throw new InvalidOperationException($"{resource} is not in the model");
        }

        var lines = new List<string>();
        await foreach (var batch in logs.GetAllAsync(current.ResourceId))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return lines;
    }

    /// <summary>
    /// Waits for a console line of <paramref name="resource"/> (what the dashboard's Console page shows) that
    /// <paramref name="match"/> accepts, and returns it.
    /// </summary>
    public async Task<string> WaitForConsoleLineAsync(string resource, Func<string, bool> match, TimeSpan? timeout = null)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var seen = 0;
        try
        {
            var model = App.Services.GetRequiredService<DistributedApplicationModel>();
            await foreach (var batch in logs.WatchAsync(model.Resources.Single(r => r.Name == resource)).WithCancellation(cancellation.Token))
            {
                seen += batch.Count;
                if (batch.FirstOrDefault(line => match(line.Content)) is { } found)
                {
                    return found.Content;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no matching console line of {resource} among {seen}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        State.Dispose();
    }

    private async Task ExecuteAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' of {resource} failed: {result.Message}");
        }
    }

    private string Describe()
    {
        var text = new StringBuilder();
        foreach (var name in VisibleResources())
        {
            var described = App.ResourceNotifications.TryGetCurrentState(name, out var e)
                ? $"{e.Snapshot.State?.Text ?? "?"}, health {e.Snapshot.HealthStatus?.ToString() ?? "?"}, exit code {e.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
                : "no state";
            text.AppendLine($"  {name}: {described}");
        }

        return text.ToString();
    }
}
