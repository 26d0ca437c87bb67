using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zielsteuerung.Grpc.Testing;

/// <summary>
/// A gRPC server in memory for tests:
/// <code>
/// await using var server = await GrpcTestServer.StartAsync(
///     services => services.AddGrpc(),
///     app => app.MapGrpcService&lt;EchoService&gt;(EchoService.Descriptor));
/// var client = new EchoClient(server.CreateChannel());
/// </code>
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private GrpcTestServer(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;
    public TestServer Server => _app.GetTestServer();

    public static async Task<GrpcTestServer> StartAsync(Action<IServiceCollection> configureServices, Action<WebApplication> configureApp)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(configureApp);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        configureServices(builder.Services);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync().ConfigureAwait(false);
        return new GrpcTestServer(app);
    }

    /// <summary>A new channel into the server; disposed with the server.</summary>
    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null)
    {
        var channel = Server.CreateGrpcChannel(options);
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }
            _channels.Clear();
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
