using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Grpc.Net.Client;

namespace ServiceDefaults.Tests;

public sealed class KestrelEndpointsTests
{
    [Fact]
    public async Task As_the_AppHost_configures_it_grpc_speaks_h2c_and_http_serves_the_probes()
    {
        // The same keys the AppHost injects as Kestrel__Endpoints__grpc__Url etc.; port 0 picks free ports.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "kestrel-endpoints",
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
        });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Assert.Equal(2, addresses.Count);

        // Which address is which: only the HTTP/1.1 one answers an HTTP/1.1 request.
        using var http = new HttpClient();
        var answers = new Dictionary<string, HttpStatusCode?>();
        foreach (var address in addresses)
        {
            try
            {
                answers[address] = (await http.GetAsync(address + "/health")).StatusCode;
            }
            catch (HttpRequestException)
            {
                answers[address] = null;
            }
        }
        var httpEndpoint = Assert.Single(answers, a => a.Value == HttpStatusCode.OK).Key;
        var grpcEndpoint = addresses.Single(a => a != httpEndpoint);

        using var channel = GrpcChannel.ForAddress(grpcEndpoint);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
