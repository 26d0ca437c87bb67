using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingBlocks.Tests.Persistence;

[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class DbContextPoolingTests(Infrastructure.InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_request_leases_a_pooled_context_that_carries_nothing_over_from_the_one_before()
    {
        using var host = Infrastructure.InfrastructureFixture.WidgetsHost(await infrastructure.CreateDatabaseAsync());
        var stored = new Widget { Id = Guid.NewGuid(), Name = "stored" };

        WidgetsDbContext first;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            await first.Database.ExecuteSqlRawAsync("CREATE TABLE widgets (id uuid PRIMARY KEY, name text NOT NULL)");
            first.Widgets.Add(stored);
            await first.SaveChangesAsync();
            first.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = "added, never saved" });
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();

            Assert.Same(first, second);
            Assert.Empty(second.ChangeTracker.Entries());
            Assert.Equal(QueryTrackingBehavior.TrackAll, second.ChangeTracker.QueryTrackingBehavior);
            var names = await second.Widgets.Select(w => w.Name).ToListAsync();
            Assert.Equal(["stored"], names);
        }
    }
}
