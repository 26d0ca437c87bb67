using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Zielsteuerung.Grpc;

namespace ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    [Theory]
    [InlineData(HealthStatus.Healthy, HttpStatusCode.OK, "Healthy")]
    [InlineData(HealthStatus.Degraded, HttpStatusCode.OK, "Degraded")]
    [InlineData(HealthStatus.Unhealthy, HttpStatusCode.ServiceUnavailable, "Unhealthy")]
    public async Task Health_follows_the_dependencies_and_alive_only_the_process(
        HealthStatus dependency, HttpStatusCode expectedHealth, string expectedText)
    {
        await using var app = await StartAsync(dependency);
        using var client = app.GetTestClient();

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(expectedHealth, health.StatusCode);
        Assert.Equal(expectedText, await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, HealthCheckResponse.Types.ServingStatus.Serving)]
    [InlineData(HealthStatus.Unhealthy, HealthCheckResponse.Types.ServingStatus.NotServing)]
    public async Task Grpc_health_answers_from_the_ready_checks(HealthStatus dependency, HealthCheckResponse.Types.ServingStatus expected)
    {
        await using var app = await StartAsync(dependency);
        using var channel = GrpcChannel.ForAddress(app.GetTestServer().BaseAddress,
            new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });

        var response = await new HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "" });

        Assert.Equal(expected, response.Status);
    }

    private static async Task<WebApplication> StartAsync(HealthStatus dependency)
    {
        var builder = TestApp.CreateBuilder(TestApp.UniqueName("health"));
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("database", () => new HealthCheckResult(dependency), ["ready"]);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
