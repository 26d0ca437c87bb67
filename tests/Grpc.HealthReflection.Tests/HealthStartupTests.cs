using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Grpc.HealthReflection.Tests;

public sealed class HealthStartupTests
{
    [Fact]
    public async Task Check_answers_only_once_the_checks_have_been_evaluated()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddGrpcHealthChecks()
                .AddAsyncCheck("slow", async () =>
                {
                    await release.Task;
                    return HealthCheckResult.Healthy();
                }, tags: ["ready"]),
            app => app.MapGrpcHealthService());

        var check = new HealthClient(host.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync;
        await Task.Delay(200);
        Assert.False(check.IsCompleted);

        release.SetResult();
        Assert.Equal(ServingStatus.Serving, (await check.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }

    [Fact]
    public async Task Mapping_health_without_AddGrpcHealthChecks_fails_at_startup()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestHost.StartAsync(_ => { }, app => app.MapGrpcHealthService()));
        Assert.Contains("AddGrpcHealthChecks", exception.Message);
    }

    [Fact]
    public async Task An_interval_that_is_not_positive_fails_at_startup() =>
        await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            builder => builder.Services.AddGrpcHealthChecks(options => options.Interval = TimeSpan.Zero),
            app => app.MapGrpcHealthService()));
}
