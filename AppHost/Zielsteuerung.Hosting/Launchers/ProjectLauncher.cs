using System.Collections.Concurrent;
using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting.Launchers;

/// <summary>Runs a service as <c>dotnet &lt;dll&gt;</c> in its project directory (the content root); healthy when
/// <c>GET /health</c> answers 200 and <c>grpc.health.v1.Health/Check</c> answers SERVING.</summary>
internal sealed class ProjectLauncher(ProjectResource project, HostContext host) : ResourceLauncher
{
    private static readonly HttpMessageInvoker Http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        UseProxy = false,
    });

    private readonly ConcurrentDictionary<Uri, GrpcChannel> channels = new();

    public override string Type => "Project";

    public override IEnumerable<string> RequiredTools => ["dotnet"];

    public override bool ProbeWhileRunning => true;

    public override Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        var assembly = project.Metadata.ExecutablePath;
        if (!File.Exists(assembly))
        {
            throw new DistributedApplicationException(
                $"{assembly} does not exist; build the AppHost (dotnet build AppHost/Zielsteuerung.AppHost), which builds the services it references.");
        }

        return Task.FromResult<ProcessLaunch?>(new ProcessLaunch(host.Tools.Require("dotnet"), [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(project.Metadata.ProjectPath),
            Environment = host.BuildEnvironment(instance),
        });
    }

    public override async Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        if (endpoints.Any(e => e.Name == "http"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.EndpointUri("http"), "/health"));
            using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
        }

        return !endpoints.Any(e => e.Name == "grpc") || await GrpcHealthCheckAsync(instance.EndpointUri("grpc"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>grpc.health.v1.Health/Check</c> for the whole server (empty service name), over h2c.</summary>
    internal async Task<bool> GrpcHealthCheckAsync(Uri address, CancellationToken cancellationToken)
    {
        var channel = channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a));
        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
    }

    public override void Dispose()
    {
        foreach (var channel in channels.Values)
        {
            channel.Dispose();
        }
    }
}
