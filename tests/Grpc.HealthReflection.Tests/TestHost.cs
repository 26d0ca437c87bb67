using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zielsteuerung.Grpc;

namespace Grpc.HealthReflection.Tests;

/// <summary>A real Kestrel server (h2c on 127.0.0.1, free port) and a channel to it.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, GrpcChannel channel)
    {
        App = app;
        Channel = channel;
    }

    public WebApplication App { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker CallInvoker => Channel.CreateCallInvoker();

    public static async Task<TestHost> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        configureServices(builder);
        var app = builder.Build();
        try
        {
            configureApp(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestHost(app, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
