using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kpi.Tools.Tests.Importer;

/// <summary><see cref="FakeKpiService"/> in Kestrel on a free loopback port, HTTP/2 without TLS, as the importer
/// meets the real service.</summary>
internal sealed class FakeKpiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKpiServer(WebApplication app, FakeKpiService service, string address)
    {
        _app = app;
        Service = service;
        Address = address;
    }

    public FakeKpiService Service { get; }

    public string Address { get; }

    public static async Task<FakeKpiServer> StartAsync(FakeKpiService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<FakeKpiService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeKpiServer(app, service, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
