using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Testing;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>
/// The one file that knows how the party registry is started: real PostgreSQL, RabbitMQ and Redis and the built
/// registry. Everything else uses only <see cref="GrpcAddress"/>.
/// </summary>
public sealed class RegistryTopology : IAsyncLifetime
{
    private DistributedApplication? _app;

    /// <summary>The registry's gRPC endpoint, http://127.0.0.1:PORT.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var db = builder.AddPostgres("postgres").AddDatabase("parties-db", "parties");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var redis = builder.AddRedis("redis");
        builder.AddProject("party-registry", new PartyRegistryProject())
            .WithReference(db).WithReference(rabbitmq).WithReference(redis)
            .WaitFor(db).WaitFor(rabbitmq).WaitFor(redis);
        _app = await builder.BuildAndStartAsync(TimeSpan.FromSeconds(180));
        GrpcAddress = _app.GetEndpoint("party-registry", "grpc");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class PartyRegistryProject : IProjectMetadata
    {
        private static readonly string ProjectDirectory = Path.Combine(RepositoryRoot.Path, "services", "PartyRegistry", "PartyRegistry.API");

        public string ProjectPath => Path.Combine(ProjectDirectory, "PartyRegistry.API.csproj");

        public string ExecutablePath
        {
            get
            {
                var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
                return Path.Combine(ProjectDirectory, "bin", output.Parent!.Name, output.Name, "PartyRegistry.API.dll");
            }
        }
    }
}
