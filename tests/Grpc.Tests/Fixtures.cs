using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zielsteuerung.Grpc.Testing;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

/// <summary>The server every end-to-end test talks to: Echo, Probe, a server interceptor and a plain HTTP 503 endpoint.</summary>
public static class TestApp
{
    public const string PlainHttp503Path = "/plain.Http/ServiceUnavailable";

    public static void ConfigureServices(IServiceCollection services)
    {
        services.AddGrpc(o => o.Interceptors.Add<ServerTrailerInterceptor>("server-interceptor"));
        services.AddSingleton<ProbeState>();
    }

    public static void Map(WebApplication app)
    {
        app.MapGrpcService<EchoService>(EchoService.Descriptor);
        app.MapGrpcService<ProbeService>(ProbeService.Descriptor);
        app.MapPost(PlainHttp503Path, (HttpContext context) => context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Adds the trailer x-server-interceptor = "&lt;value&gt; &lt;method&gt;" to every call.</summary>
public sealed class ServerTrailerInterceptor(string value) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        context.ResponseTrailers.Add("x-server-interceptor", $"{value} {context.Method}");
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        context.ResponseTrailers.Add("x-server-interceptor", $"{value} {context.Method}");
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        context.ResponseTrailers.Add("x-server-interceptor", $"{value} {context.Method}");
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        context.ResponseTrailers.Add("x-server-interceptor", $"{value} {context.Method}");
        return continuation(requestStream, responseStream, context);
    }
}

public interface IServerFixture
{
    GrpcChannel Channel { get; }
    GrpcChannel CreateChannel(GrpcChannelOptions options);
    IServiceProvider Services { get; }
}

/// <summary>Real Kestrel, HTTP/2 cleartext on 127.0.0.1 and a free port, and our client over sockets.</summary>
public sealed class KestrelServerFixture : IServerFixture, IAsyncLifetime
{
    private WebApplication? _app;
    private readonly List<GrpcChannel> _channels = [];

    public Uri Address { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _app = await StartKestrelAsync(TestApp.ConfigureServices, TestApp.Map);
        Address = GetAddress(_app);
        Channel = CreateChannel(new GrpcChannelOptions());
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions options)
    {
        var channel = GrpcChannel.ForAddress(Address, options);
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return channel;
    }

    public static async Task<WebApplication> StartKestrelAsync(Action<IServiceCollection> services, Action<WebApplication> map, Action<ListenOptions>? listen = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, options =>
        {
            options.Protocols = HttpProtocols.Http2;
            listen?.Invoke(options);
        }));
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    public static Uri GetAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The same server in memory, through Zielsteuerung.Grpc.Testing's TestServer channel.</summary>
public sealed class TestServerFixture : IServerFixture, IAsyncLifetime
{
    private GrpcTestServer? _server;

    public GrpcChannel Channel { get; private set; } = null!;
    public IServiceProvider Services => _server!.Services;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync(TestApp.ConfigureServices, TestApp.Map);
        Channel = _server.CreateChannel();
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions options) => _server!.CreateChannel(options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
