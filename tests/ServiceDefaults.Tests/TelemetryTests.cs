using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zielsteuerung.ServiceDefaults;

namespace ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task The_tracer_records_the_platform_sources_and_the_service_own_until_the_host_stops()
    {
        var serviceName = TestApp.UniqueName("traced");
        using var own = new ActivitySource(serviceName);
        Assert.False(own.HasListeners());

        var builder = TestApp.CreateBuilder(serviceName);
        builder.AddServiceDefaults();
        var app = builder.Build();
        await app.StartAsync();

        Assert.True(own.HasListeners());
        Assert.True(app.Services.GetRequiredService<ServiceTelemetry>().ActivitySource.HasListeners());
        foreach (var name in new[] { "Microsoft.AspNetCore", "MassTransit", "Zielsteuerung.Messaging" })
        {
            using var source = new ActivitySource(name);
            Assert.True(source.HasListeners(), $"{name} is not traced");
        }

        await app.StopAsync();
        await app.DisposeAsync();
        Assert.False(own.HasListeners());
    }

    [Fact]
    public async Task The_meter_provider_records_the_platform_meters_and_the_service_own()
    {
        // Without an exporter the SDK has no reader and enables no instrument at all.
        await using var collector = await FakeCollector.StartAsync();
        var serviceName = TestApp.UniqueName("metered");
        var builder = TestApp.CreateBuilder(serviceName, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        await app.StartAsync();

        foreach (var name in new[] { serviceName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime", "Grpc.AspNetCore.Server", "Grpc.Net.Client", "MassTransit", "Zielsteuerung.Messaging" })
        {
            using var meter = new Meter(name);
            var counter = meter.CreateCounter<long>("probe");
            Assert.True(counter.Enabled, $"{name} is not recorded");
        }
        using var other = new Meter(TestApp.UniqueName("unrelated"));
        Assert.False(other.CreateCounter<long>("probe").Enabled);
    }

    [Fact]
    public async Task Server_spans_are_named_after_the_route_and_carry_the_http_tags()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen("Microsoft.AspNetCore", spans);
        var builder = TestApp.CreateBuilder(TestApp.UniqueName("spans"));
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapGet("/widgets/{id}", (string id) => id);
        app.MapGet("/broken", () => Results.StatusCode(503));
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var client = app.GetTestClient();

        await client.GetAsync("/widgets/42");
        await client.GetAsync("/broken");
        await client.GetAsync("/health");
        // A server span stops just after the response has been sent, so possibly after GetAsync returned.
        await WaitUntilAsync(() => spans.Count(s => s.Recorded) >= 2);

        var widget = Assert.Single(spans, s => s.GetTagItem("url.path") as string == "/widgets/42");
        Assert.Equal("GET /widgets/{id}", widget.DisplayName);
        Assert.Equal("/widgets/{id}", widget.GetTagItem("http.route"));
        Assert.Equal("GET", widget.GetTagItem("http.request.method"));
        Assert.Equal(200, widget.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, widget.Status);
        var broken = Assert.Single(spans, s => s.GetTagItem("url.path") as string == "/broken");
        Assert.Equal(503, broken.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, broken.Status);
        Assert.DoesNotContain(spans, s => s.Recorded && s.DisplayName.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public void Otlp_export_is_on_only_when_an_endpoint_is_configured()
    {
        static bool Enabled(string? endpoint) => Microsoft.Extensions.Hosting.Extensions.IsOtlpExportEnabled(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint }).Build());

        Assert.False(Enabled(null));
        Assert.False(Enabled(""));
        Assert.True(Enabled("http://127.0.0.1:4317"));
    }

    [Fact]
    public async Task With_an_endpoint_spans_and_logs_go_to_the_collector_with_the_service_resource()
    {
        await using var collector = await FakeCollector.StartAsync();
        var serviceName = TestApp.UniqueName("exported");
        var builder = TestApp.CreateBuilder(serviceName, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=instance-7",
        });
        builder.AddServiceDefaults();
        var app = builder.Build();
        await app.StartAsync();

        using (app.Services.GetRequiredService<ServiceTelemetry>().ActivitySource.StartActivity("work"))
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("test").LogWarning("something to export");
        }
        await app.StopAsync();
        await app.DisposeAsync();

        var traces = collector.Received("/v1/traces");
        Assert.NotEmpty(traces);
        Assert.Contains(traces, body => body.Contains(serviceName, StringComparison.Ordinal) && body.Contains("instance-7", StringComparison.Ordinal));
        Assert.Contains(collector.Received("/v1/logs"), body => body.Contains("something to export", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(5); !condition() && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10);
        }
    }

    private static ActivityListener Listen(string sourceName, ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    // Accepts OTLP/HTTP exports and keeps their bodies (protobuf: strings appear verbatim).
    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        private FakeCollector(WebApplication app) => _app = app;

        public string Address => _app.Urls.Single();

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                collector._requests.Enqueue((context.Request.Path.Value!, System.Text.Encoding.Latin1.GetString(buffer.ToArray())));
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return collector;
        }

        public List<string> Received(string path) => _requests.Where(r => r.Path == path).Select(r => r.Body).ToList();

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
