using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests;

/// <summary>
/// The trace sampler follows OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (OpenTelemetry SDK environment variables),
/// default parentbased_always_on; the server span middleware leaves spans that are not recorded untouched.
/// </summary>
public sealed class SamplingTests
{
    private const string SampledParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string UnsampledParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    // What the request's server activity looks like at the end of the request: recorded?, name, tag count.
    private static async Task<string> ProbeAsync(IDictionary<string, string?>? settings, string? traceParent = null)
    {
        var builder = TestApp.CreateBuilder(TestApp.UniqueName("sampled"), settings);
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        Activity? server = null;
        app.MapGet("/probe", (HttpContext context) =>
        {
            server = context.Features.Get<IHttpActivityFeature>()?.Activity;
            return "ok";
        });
        await app.StartAsync();
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe");
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        await StoppedAsync(server);
        return $"{(server.Recorded ? "recorded" : "dropped")} {server.DisplayName} {server.TagObjects.Count()}";
    }

    // TestServer hands over the response before the hosting layer stops the activity (names it by route, sets its status).
    private static async Task StoppedAsync([System.Diagnostics.CodeAnalysis.NotNull] Activity? server)
    {
        Assert.NotNull(server);
        for (var waited = 0; !server.IsStopped && waited < 5000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.True(server.IsStopped, "the server activity did not stop");
    }

    private static Dictionary<string, string?> Sampler(string sampler, string? argument = null) => new()
    {
        ["OTEL_TRACES_SAMPLER"] = sampler,
        ["OTEL_TRACES_SAMPLER_ARG"] = argument,
    };

    [Fact]
    public async Task By_default_every_root_span_is_recorded_and_the_parent_decides_otherwise()
    {
        Assert.StartsWith("recorded GET /probe ", await ProbeAsync(null));
        Assert.StartsWith("recorded GET /probe ", await ProbeAsync(null, SampledParent));
        Assert.StartsWith("dropped ", await ProbeAsync(null, UnsampledParent));
    }

    [Fact]
    public async Task Always_off_records_nothing_and_the_span_is_left_untagged()
    {
        var probe = await ProbeAsync(Sampler("always_off"));
        Assert.StartsWith("dropped ", probe);
        Assert.DoesNotContain("/probe", probe, StringComparison.Ordinal);
        Assert.EndsWith(" 0", probe);
        Assert.StartsWith("dropped ", await ProbeAsync(Sampler("always_off"), SampledParent));
    }

    [Fact]
    public async Task Always_on_records_even_under_an_unsampled_parent()
    {
        Assert.StartsWith("recorded GET /probe ", await ProbeAsync(Sampler("always_on"), UnsampledParent));
    }

    [Fact]
    public async Task Trace_id_ratio_takes_its_argument()
    {
        Assert.StartsWith("dropped ", await ProbeAsync(Sampler("traceidratio", "0")));
        Assert.StartsWith("recorded GET /probe ", await ProbeAsync(Sampler("traceidratio", "1")));
        Assert.StartsWith("recorded GET /probe ", await ProbeAsync(Sampler("parentbased_traceidratio", "0"), SampledParent));
        Assert.StartsWith("dropped ", await ProbeAsync(Sampler("parentbased_traceidratio", "0")));
    }

    [Fact]
    public async Task A_failing_request_marks_only_a_recorded_span_as_failed()
    {
        async Task<Activity> FailAsync(string sampler)
        {
            var builder = TestApp.CreateBuilder(TestApp.UniqueName("failing"), Sampler(sampler));
            builder.AddServiceDefaults();
            await using var app = builder.Build();
            Activity? server = null;
            app.MapGet("/fail", (HttpContext context) =>
            {
                server = context.Features.Get<IHttpActivityFeature>()?.Activity;
                throw new InvalidOperationException("boom");
            });
            await app.StartAsync();
            using var client = app.GetTestClient();
            await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("/fail"));
            await StoppedAsync(server);
            return server!;
        }

        var recorded = await FailAsync("always_on");
        Assert.Equal(ActivityStatusCode.Error, recorded.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, recorded.GetTagItem("error.type"));
        var dropped = await FailAsync("always_off");
        Assert.Equal(ActivityStatusCode.Unset, dropped.Status);
        Assert.Empty(dropped.TagObjects);
    }
}
