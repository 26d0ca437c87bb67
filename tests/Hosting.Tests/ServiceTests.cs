using Zielsteuerung.Hosting.Orchestration;
using System.Net;
using Grpc.Health.V1;
using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.Testing;

namespace Hosting.Tests;

[Collection(TopologyCollection.Name)]
public sealed class ServiceTests(TopologyFixture fixture)
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Service_gets_connection_strings_and_telemetry_settings_the_Aspire_way()
    {
        using var sample = App.CreateHttpClient("sample");
        Assert.Equal(App.GetConnectionString("parties-db"), await sample.GetStringAsync("/config/ConnectionStrings__parties-db"));
        Assert.Equal(App.GetConnectionString("redis"), await sample.GetStringAsync("/config/ConnectionStrings__redis"));
        Assert.Equal(App.GetConnectionString("rabbitmq"), await sample.GetStringAsync("/config/ConnectionStrings__rabbitmq"));
        Assert.Equal("sample", await sample.GetStringAsync("/config/OTEL_SERVICE_NAME"));
        Assert.StartsWith("service.instance.id=sample-0-", await sample.GetStringAsync("/config/OTEL_RESOURCE_ATTRIBUTES"));
        Assert.Equal("Development", await sample.GetStringAsync("/config/ASPNETCORE_ENVIRONMENT"));
        Assert.Equal("moin", await sample.GetStringAsync("/config/Sample__Greeting"));
    }

    [Fact]
    public async Task Referencing_a_service_passes_one_endpoint_per_replica()
    {
        using var caller = App.CreateHttpClient("caller");
        for (var replica = 0; replica < 2; replica++)
        {
            Assert.Equal(App.GetEndpoint("sample", "grpc", replica).ToString().TrimEnd('/'), await caller.GetStringAsync($"/config/services__sample__grpc__{replica}"));
            Assert.Equal(App.GetEndpoint("sample", "http", replica).ToString().TrimEnd('/'), await caller.GetStringAsync($"/config/services__sample__http__{replica}"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await caller.GetAsync("/config/services__sample__grpc__2")).StatusCode);
        Assert.NotEqual(App.GetEndpoint("sample", "grpc", 0), App.GetEndpoint("sample", "grpc", 1));
    }

    [Fact]
    public async Task Grpc_endpoint_refuses_HTTP_1_and_http_endpoint_serves_health()
    {
        using var http1 = new HttpClient();
        var onGrpcEndpoint = await http1.GetAsync(new Uri(App.GetEndpoint("sample", "grpc"), "/health"));
        Assert.Equal(HttpStatusCode.BadRequest, onGrpcEndpoint.StatusCode); // "An HTTP/1.x request was sent to an HTTP/2 only endpoint."
        Assert.Equal(new Version(1, 1), onGrpcEndpoint.Version);
        Assert.Equal("Healthy", await http1.GetStringAsync(new Uri(App.GetEndpoint("sample", "http"), "/health")));
    }

    [Fact]
    public async Task Testing_api_hands_out_grpc_channels_to_a_service()
    {
        using var channel = App.CreateGrpcChannel("sample");

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        Assert.Equal(App.GetEndpoint("sample", "grpc").Authority, channel.Target);
    }

    [Fact]
    public async Task Killed_service_is_restarted_and_the_restart_is_reported()
    {
        var before = App.ResourceNotifications.GetSnapshots("sample").Single(s => s.Name == "sample-1");

        Assert.True(App.KillResourceProcess("sample", replica: 1));

        var after = await App.ResourceNotifications
            .WaitForResourceAsync("sample", s => s.Name == "sample-1" && s.Restarts == before.Restarts + 1 && s.IsHealthy)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(before.Endpoints, after.Endpoints);
        lock (fixture.Events)
        {
            Assert.Contains(fixture.Events, e => e.StartsWith("sample-1: exited with code 137", StringComparison.Ordinal) && e.Contains("restart #1"));
        }
    }

    [Fact]
    public async Task Stopped_resource_frees_its_port_and_starts_again_on_the_same_port()
    {
        var port = App.GetEndpoint("redis", "tcp").Port;

        await App.StopResourceAsync("redis");
        Assert.Equal(ResourceState.Stopped, App.ResourceNotifications.GetSnapshots("redis")[0].State);
        Assert.True(Ports.IsFree(port));

        await App.StartResourceAsync("redis");
        await App.WaitForResourceHealthyAsync("redis", TimeSpan.FromSeconds(30));
        Assert.False(Ports.IsFree(port));
        Assert.Equal(port, App.GetEndpoint("redis", "tcp").Port);
    }
}
