using System.Net;
using System.Net.Http.Headers;
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

    /// <summary>A unary <c>grpc.health.v1.Health/Check</c> for the whole server (empty service name), over h2c.</summary>
    internal static async Task<bool> GrpcHealthCheckAsync(Uri address, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // Length-prefixed message (PROTOCOL-HTTP2.md): not compressed, length 0 = HealthCheckRequest { service = "" }.
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault() : null;
        if (status != "0" || body.Length < 5)
        {
            return false;
        }

        // HealthCheckResponse { status = 1 (SERVING) } is field 1, varint: 0x08 0x01.
        var message = body.AsSpan(5);
        return message.Length >= 2 && message[0] == 0x08 && message[1] == 0x01;
    }
}
