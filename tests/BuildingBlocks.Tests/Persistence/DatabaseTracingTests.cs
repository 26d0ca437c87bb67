using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zielsteuerung.Persistence;

namespace BuildingBlocks.Tests.Persistence;

[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class DatabaseTracingTests(Infrastructure.InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Requests_are_traced_but_health_probes_and_suppressed_work_are_not()
    {
        using var host = Infrastructure.InfrastructureFixture.WidgetsHost(await infrastructure.CreateDatabaseAsync());
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            using (DatabaseTracing.Suppress())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 'suppressed-probe'");
            }
            await db.Database.ExecuteSqlRawAsync("SELECT 'traced-probe'");
        }

        Assert.Equal(HealthStatus.Healthy, health.Status);
        var ours = commands.Where(c => c.Contains("-probe", StringComparison.Ordinal) || c.Contains("SELECT 1", StringComparison.Ordinal)).ToList();
        Assert.Equal(["SELECT 'traced-probe'"], ours);
    }
}
