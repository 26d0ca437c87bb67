using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.API.Evaluation;
using Monitoring.API.Infrastructure;
using Monitoring.API.Watch;
using Zielsteuerung.Caching;
using Zielsteuerung.Monitoring.V1;

namespace Monitoring.Tests.Integration;

/// <summary>
/// The overviews in Redis never outlive a commit: a writer that dies right after its commit (before it puts the new
/// overview) leaves a miss, so the replicas serve what was committed, not the state before it.
/// </summary>
[Collection(MonitoringCollection.Name)]
public sealed class OverviewCacheTests(MonitoringFixture fixture)
{
    [Fact]
    public async Task A_writer_killed_between_its_commit_and_the_cache_refresh_leaves_no_stale_overview()
    {
        var id = $"mon-overview-{Crafted.Run}";
        var agreement = await Crafted.InForceAsync(fixture, Crafted.Agreement(id, 2014, "kt-05554", "jc-05554", zkt: true), "kt-05554");
        var mags = await fixture.MonitoringAs("mags-nrw");
        await Eventually.AttainmentAsync(mags, id, o => o.AgreementStatus == "in_force");

        using var host = await CacheOfTheServiceAsync();
        var redis = host.Services.GetRequiredService<ICache>();
        await Eventually.ReadAsync(() => redis.GetAsync(OverviewCache.Key(id)), bytes => bytes is not null);
        var dying = new DiesOnFirstStore(redis);
        var options = new DbContextOptionsBuilder<MonitoringDbContext>()
            .UseNpgsql(await fixture.Topology.App.GetConnectionStringAsync(MonitoringDbContext.ConnectionName)).Options;
        await using var db = new MonitoringDbContext(options);
        var feed = new ChangeFeed(host.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ChangeFeed>.Instance);
        var writer = new AttainmentWriter(db, new OverviewCache(db, dying), feed, TimeProvider.System, NullLogger<AttainmentWriter>.Instance);

        await Assert.ThrowsAsync<KilledException>(() => writer.SetAgreementStatusAsync(Guid.NewGuid(), "OverviewCacheTests", id, "closed",
            agreement.Version, stopFollowing: false, CancellationToken.None));

        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM monitored_agreements WHERE agreement_id = $1 AND status = 'closed'", id));
        for (var replica = 0; replica < MonitoringFixture.Replicas; replica++)
        {
            var read = await (await fixture.MonitoringAs("mags-nrw", replica)).GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = id });
            Assert.Equal("closed", read.AgreementStatus);
        }
    }

    // The monitoring service's own Redis keys: the same connection and prefix as its replicas.
    private async Task<IHost> CacheOfTheServiceAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = await fixture.Topology.App.GetConnectionStringAsync("redis"),
            ["OTEL_SERVICE_NAME"] = "monitoring",
        });
        builder.AddRedisCache();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class KilledException() : Exception("killed after the commit");

    /// <summary>The process "dies" at the first value it stores: after the commit, where the writer puts the new overview.</summary>
    private sealed class DiesOnFirstStore(ICache inner) : ICache
    {
        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new KilledException();

        public Task SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new KilledException();

        public Task RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);
    }
}
