using Aspire.Hosting.Testing;
using Zielsteuerung.Testing;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>
/// The one file that knows how our services are started: the AppHost's topology (real PostgreSQL, RabbitMQ and Redis
/// and the services). Everything else uses only <see cref="GrpcAddress"/>.
/// </summary>
public sealed class RegistryTopology : IAsyncLifetime
{
    private TestTopology? _topology;

    /// <summary>The registry's gRPC endpoint, http://localhost:PORT.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _topology = await TestTopology.StartAsync();
        GrpcAddress = _topology.App.GetEndpoint("party-registry", "grpc");
    }

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}
