using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests;

/// <summary>AddGrpcServiceClient: a generated client (here grpc.health.v1's) on the address the AppHost passes.</summary>
public sealed class GrpcClientRegistrationTests
{
    [Fact]
    public async Task A_client_calls_the_service_at_its_services_address()
    {
        await using var server = await StartServerAsync();
        var builder = TestApp.CreateBuilder("caller", new Dictionary<string, string?> { ["services:agreements:grpc:0"] = server.Urls.Single() });
        builder.AddGrpcServiceClient<Health.HealthClient>("agreements");
        await using var services = builder.Services.BuildServiceProvider();

        var response = await services.GetRequiredService<Health.HealthClient>().CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData(null, "No address for the gRPC service 'agreements': set services:agreements:grpc:0")]
    [InlineData("127.0.0.1:6123", "services:agreements:grpc:0 is '127.0.0.1:6123', not an http:// or https:// address.")]
    public async Task A_missing_or_malformed_address_names_the_configuration_key(string? address, string message)
    {
        var builder = TestApp.CreateBuilder("caller", new Dictionary<string, string?> { ["services:agreements:grpc:0"] = address });
        builder.AddGrpcServiceClient<Health.HealthClient>("agreements");
        await using var services = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Health.HealthClient>());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = TestApp.CreateBuilder("agreements", new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        }, onTestServer: false);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
