using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    private const string WidgetService = "zielsteuerung.widgets.v1.Widgets";

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
    [InlineData(HealthStatus.Healthy, ServingStatus.Serving)]
    [InlineData(HealthStatus.Degraded, ServingStatus.Serving)]
    [InlineData(HealthStatus.Unhealthy, ServingStatus.NotServing)]
    public async Task Grpc_health_answers_from_the_ready_checks_for_the_server_and_each_named_service(HealthStatus dependency, ServingStatus expected)
    {
        await using var app = await StartAsync(dependency);
        using var channel = Channel(app);
        var health = new Health.HealthClient(channel);

        Assert.Equal(expected, (await health.CheckAsync(new HealthCheckRequest { Service = "" })).Status);
        Assert.Equal(expected, (await health.CheckAsync(new HealthCheckRequest { Service = WidgetService })).Status);
    }

    [Fact]
    public async Task Grpc_health_of_an_unknown_service_is_not_found()
    {
        await using var app = await StartAsync(HealthStatus.Healthy);
        using var channel = Channel(app);

        var error = await Assert.ThrowsAsync<RpcException>(
            async () => await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "zielsteuerung.nothing.v1.Nothing" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Grpc_health_watch_starts_with_the_current_status()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        using var channel = Channel(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = WidgetService }, cancellationToken: timeout.Token);

        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
    }

    private static GrpcChannel Channel(WebApplication app) =>
        GrpcChannel.ForAddress(app.GetTestServer().BaseAddress, new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });

    private static async Task<WebApplication> StartAsync(HealthStatus dependency)
    {
        var builder = TestApp.CreateBuilder(TestApp.UniqueName("health"));
        builder.AddServiceDefaults();
        builder.AddGrpcServiceHealth(WidgetService);
        builder.Services.AddHealthChecks().AddCheck("database", () => new HealthCheckResult(dependency), ["ready"]);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
