using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zielsteuerung.Grpc;
using Zielsteuerung.Grpc.AspNetCore.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Grpc.HealthReflection.Tests;

public sealed class HealthFixture : IAsyncLifetime
{
    public const string CatalogService = "zielsteuerung.testing.catalog.v1.Catalog";

    private int watchCallsEnded;

    /// <summary>What the "ready"-tagged check reports; tests that change it restore Healthy.</summary>
    public HealthStatus Database { get; set; } = HealthStatus.Healthy;

    public TestHost Host { get; private set; } = null!;

    public HealthClient Client { get; private set; } = null!;

    public HealthStatusManager Manager => Host.App.Services.GetRequiredService<HealthStatusManager>();

    public int WatchCallsEnded => Volatile.Read(ref watchCallsEnded);

    public async Task InitializeAsync()
    {
        Host = await StartAsync(this);
        Client = new HealthClient(Host.Channel);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static Task<TestHost> StartAsync(HealthFixture state) => TestHost.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton<Tests.CatalogService>();
            builder.Services.AddGrpcHealthChecks(options => options.Interval = TimeSpan.FromMilliseconds(50))
                .AddCheck("database", () => new HealthCheckResult(state.Database), tags: ["ready"])
                .AddCheck("not-for-readiness", () => HealthCheckResult.Unhealthy());
        },
        app =>
        {
            // Counts Watch calls whose handler has finished, to see that cancelling a Watch ends it on the server.
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                await next(context);
                if (context.Request.Path == "/grpc.health.v1.Health/Watch")
                {
                    Interlocked.Increment(ref state.watchCallsEnded);
                }
            });
            app.MapGrpcService<Tests.CatalogService>(Tests.CatalogService.Descriptor);
            app.MapGrpcHealthService();
        });
}

public sealed class HealthTests(HealthFixture fixture) : IClassFixture<HealthFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private async Task<ServingStatus> Check(string service) =>
        (await fixture.Client.CheckAsync(new HealthCheckRequest { Service = service })).Status;

    private static async Task<ServingStatus> Next(AsyncServerStreamingCall<HealthCheckResponse> watch)
    {
        using var timeout = new CancellationTokenSource(Patience);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token), "The Watch stream ended.");
        return watch.ResponseStream.Current.Status;
    }

    [Fact]
    public async Task The_server_is_SERVING_while_its_ready_checks_pass()
    {
        // The unhealthy check is not tagged "ready", so it does not count.
        Assert.Equal(ServingStatus.Serving, await Check(""));
    }

    [Fact]
    public async Task A_mapped_service_and_the_health_service_itself_are_SERVING()
    {
        Assert.Equal(ServingStatus.Serving, await Check(HealthFixture.CatalogService));
        Assert.Equal(ServingStatus.Serving, await Check("grpc.health.v1.Health"));
    }

    [Fact]
    public async Task Check_of_an_unknown_service_fails_with_NOT_FOUND()
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => Check("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async Task Watch_sends_the_status_at_once_and_then_each_change_of_the_checks()
    {
        using var server = fixture.Client.Watch(new HealthCheckRequest());
        using var catalog = fixture.Client.Watch(new HealthCheckRequest { Service = HealthFixture.CatalogService });
        try
        {
            Assert.Equal(ServingStatus.Serving, await Next(server));
            Assert.Equal(ServingStatus.Serving, await Next(catalog));

            fixture.Database = HealthStatus.Unhealthy;
            Assert.Equal(ServingStatus.NotServing, await Next(server));
            Assert.Equal(ServingStatus.NotServing, await Next(catalog));
            Assert.Equal(ServingStatus.NotServing, await Check(""));

            fixture.Database = HealthStatus.Degraded;
            Assert.Equal(ServingStatus.Serving, await Next(server));
            Assert.Equal(ServingStatus.Serving, await Next(catalog));
        }
        finally
        {
            fixture.Database = HealthStatus.Healthy;
        }
    }

    [Fact]
    public async Task A_status_set_explicitly_overrides_the_checks_until_cleared()
    {
        try
        {
            fixture.Manager.SetStatus(HealthFixture.CatalogService, ServingStatus.NotServing);
            Assert.Equal(ServingStatus.NotServing, await Check(HealthFixture.CatalogService));
            Assert.Equal(ServingStatus.Serving, await Check(""));

            fixture.Manager.ClearStatus(HealthFixture.CatalogService);
            Assert.Equal(ServingStatus.Serving, await Check(HealthFixture.CatalogService));
        }
        finally
        {
            fixture.Manager.ClearStatus(HealthFixture.CatalogService);
        }
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_sends_SERVICE_UNKNOWN_until_the_service_becomes_known()
    {
        using var watch = fixture.Client.Watch(new HealthCheckRequest { Service = "batch.Import" });
        try
        {
            Assert.Equal(ServingStatus.ServiceUnknown, await Next(watch));

            fixture.Manager.SetStatus("batch.Import", ServingStatus.Serving);
            Assert.Equal(ServingStatus.Serving, await Next(watch));
            Assert.Equal(ServingStatus.Serving, await Check("batch.Import"));

            fixture.Manager.ClearStatus("batch.Import");
            Assert.Equal(ServingStatus.ServiceUnknown, await Next(watch));
        }
        finally
        {
            fixture.Manager.ClearStatus("batch.Import");
        }
    }

    [Fact]
    public async Task Cancelling_a_Watch_ends_the_call_on_the_server()
    {
        var endedBefore = fixture.WatchCallsEnded;
        using var cancellation = new CancellationTokenSource();
        using var watch = fixture.Client.Watch(new HealthCheckRequest(), cancellationToken: cancellation.Token);
        Assert.Equal(ServingStatus.Serving, await Next(watch));

        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, exception.StatusCode);
        var deadline = DateTime.UtcNow + Patience;
        while (fixture.WatchCallsEnded == endedBefore && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(fixture.WatchCallsEnded > endedBefore, "The server kept the cancelled Watch call running.");
    }

    [Fact]
    public async Task When_the_server_stops_Watch_sends_NOT_SERVING_and_ends()
    {
        var host = await HealthFixture.StartAsync(new HealthFixture());
        try
        {
            var client = new HealthClient(host.Channel);
            using var watch = client.Watch(new HealthCheckRequest());
            Assert.Equal(ServingStatus.Serving, await Next(watch));

            var stopping = host.App.StopAsync();

            Assert.Equal(ServingStatus.NotServing, await Next(watch));
            Assert.False(await watch.ResponseStream.MoveNext(CancellationToken.None));
            await stopping.WaitAsync(Patience);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
