using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Zielsteuerung.Grpc.Testing;

public static class TestServerGrpcExtensions
{
    /// <summary>
    /// A channel whose calls go straight into <paramref name="server"/> (HTTP/2 semantics: trailers, full duplex,
    /// resets). <see cref="GrpcChannelOptions.HttpHandler"/> is replaced by the TestServer's handler.
    /// </summary>
    public static GrpcChannel CreateGrpcChannel(this TestServer server, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new GrpcChannelOptions();
        options.HttpHandler = server.CreateHandler();
        options.DisposeHttpHandler = true;
        return GrpcChannel.ForAddress(server.BaseAddress, options);
    }

    /// <summary>A channel into the TestServer of a host built with <c>UseTestServer()</c>.</summary>
    public static GrpcChannel CreateGrpcChannel(this IHost host, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.GetTestServer().CreateGrpcChannel(options);
    }
}
