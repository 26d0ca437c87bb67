using System.Text;
using Grpc.Net.Client;

namespace Zielsteuerung.Hosting.Testing;

public static class DistributedApplicationTestingExtensions
{
    /// <summary>Builds, starts and waits until every resource is healthy. On timeout the application is stopped and the
    /// exception names the resources that were not healthy, with their last output lines.</summary>
    public static async Task<DistributedApplication> BuildAndStartAsync(
        this IDistributedApplicationTestingBuilder builder, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var app = await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForAllHealthyAsync(timeout, cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until every resource is healthy (default timeout 120 s).</summary>
    public static async Task WaitForAllHealthyAsync(this DistributedApplication app, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await app.ResourceNotifications.WaitForAllHealthyAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(DescribeUnhealthy(app));
        }
    }

    /// <summary>Waits until the resource is healthy (default timeout 120 s), with a diagnosable message on timeout.</summary>
    public static async Task WaitForResourceHealthyAsync(this DistributedApplication app, string resourceName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(DescribeUnhealthy(app));
        }
    }

    /// <summary>An <see cref="HttpClient"/> whose base address is the resource's endpoint (default: <c>http</c>).</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string endpointName = "http") =>
        new() { BaseAddress = app.GetEndpoint(resourceName, endpointName) };

    /// <summary>A gRPC channel (h2c) to the resource's endpoint (default: <c>grpc</c>); dispose it after use.</summary>
    public static GrpcChannel CreateGrpcChannel(
        this DistributedApplication app, string resourceName, string endpointName = "grpc", GrpcChannelOptions? options = null) =>
        GrpcChannel.ForAddress(app.GetEndpoint(resourceName, endpointName), options ?? new GrpcChannelOptions());

    private static string DescribeUnhealthy(DistributedApplication app)
    {
        var text = new StringBuilder("Timed out waiting for resources to become healthy:");
        foreach (var snapshot in app.ResourceNotifications.GetSnapshots().Where(s => !s.IsHealthy))
        {
            text.AppendLine().Append($"  {snapshot.Name}: {snapshot.State}/{snapshot.Health}, restarts {snapshot.Restarts}; {snapshot.Message}");
            var replica = snapshot.Name == snapshot.ResourceName ? 0 : int.Parse(snapshot.Name[(snapshot.ResourceName.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var line in app.GetResourceLogs(snapshot.ResourceName, replica, 10))
            {
                text.AppendLine().Append("    | ").Append(line);
            }
        }

        return text.ToString();
    }
}
