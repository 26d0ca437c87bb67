using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using Zielsteuerung.Caching;

namespace BuildingBlocks.Tests.Caching;

[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class RedisCacheTests(Infrastructure.InfrastructureFixture infrastructure)
{
    private readonly string _service = "bb-cache-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_miss_loads_from_the_source_and_the_next_read_is_a_hit()
    {
        using var host = await StartAsync();
        var cache = host.Services.GetRequiredService<ICache>();
        var loads = 0;
        Task<CachedItem?> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult<CachedItem?>(new CachedItem { Id = "05554", Name = "Borken" });
        }

        var first = await cache.GetOrCreateAsync("party:05554", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));
        var second = await cache.GetOrCreateAsync("party:05554", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));

        Assert.Equal(1, loads);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Keys_carry_the_service_prefix_and_the_time_to_live()
    {
        using var host = await StartAsync();
        var cache = host.Services.GetRequiredService<ICache>();

        await cache.SetAsync("party:1", new CachedItem { Id = "1" }, TimeSpan.FromMinutes(2));

        using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"{_service}:party:1");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_fill_after_a_miss_does_not_replace_a_value_a_writer_stored_meanwhile()
    {
        using var host = await StartAsync();
        var cache = host.Services.GetRequiredService<ICache>();
        await cache.SetAsync("party:3", new byte[] { 2 }, TimeSpan.FromMinutes(1));

        await cache.SetIfAbsentAsync("party:3", new byte[] { 1 }, TimeSpan.FromMinutes(1));
        await cache.SetIfAbsentAsync("party:4", new byte[] { 4 }, TimeSpan.FromMinutes(1));

        Assert.Equal(new byte[] { 2 }, await cache.GetAsync("party:3"));
        Assert.Equal(new byte[] { 4 }, await cache.GetAsync("party:4"));
    }

    [Fact]
    public async Task A_removed_key_is_a_miss()
    {
        using var host = await StartAsync();
        var cache = host.Services.GetRequiredService<ICache>();
        await cache.SetAsync("party:2", new byte[] { 7 }, TimeSpan.FromMinutes(1));

        await cache.RemoveAsync("party:2");

        Assert.Null(await cache.GetAsync("party:2"));
    }

    [Fact]
    public async Task Redis_is_reported_healthy_when_it_answers()
    {
        using var host = await StartAsync();

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Entries["redis"].Status);
        Assert.Contains("ready", health.Entries["redis"].Tags);
    }

    [Fact]
    public async Task Without_Redis_reads_fall_back_to_the_source_quickly_and_health_is_degraded()
    {
        // A port nobody listens on: the same as Redis being down, without disturbing the other tests.
        using var host = await StartAsync("127.0.0.1:1");
        var cache = host.Services.GetRequiredService<ICache>();
        var loads = 0;

        var started = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            var item = await cache.GetOrCreateAsync("party:3", CachedItem.Parser,
                _ => { loads++; return Task.FromResult<CachedItem?>(new CachedItem { Id = "3" }); }, TimeSpan.FromMinutes(1));
            Assert.Equal("3", item!.Id);
        }
        await cache.RemoveAsync("party:3");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(3, loads);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        Assert.Equal(HealthStatus.Degraded, health.Entries["redis"].Status);
        Assert.Equal(HealthStatus.Degraded, health.Status);
    }

    [Fact]
    public async Task When_Redis_goes_away_requests_are_served_from_the_source_and_caching_resumes_when_it_is_back()
    {
        using var host = await StartAsync();
        var cache = host.Services.GetRequiredService<ICache>();
        var loads = 0;
        Task<CachedItem?> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult<CachedItem?>(new CachedItem { Id = "4" });
        }
        await cache.GetOrCreateAsync("party:4", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));

        await infrastructure.StopAsync("redis");
        try
        {
            var started = DateTime.UtcNow;
            var item = await cache.GetOrCreateAsync("party:4", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));
            Assert.Equal("4", item!.Id);
            Assert.Equal(2, loads);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "a Redis outage must not stall requests");
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Degraded, health.Entries["redis"].Status);
        }
        finally
        {
            await infrastructure.StartAsync("redis");
        }

        await WaitForConnectionAsync(host);
        await cache.GetOrCreateAsync("party:5", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));
        await cache.GetOrCreateAsync("party:5", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task Commands_are_traced_but_the_health_checks_PING_is_not()
    {
        var spans = new List<Activity>();
        using var host = await StartAsync(configure: services =>
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans));
            services.Configure<StackExchangeRedisInstrumentationOptions>(redis => redis.FlushInterval = TimeSpan.FromMilliseconds(100));
        });
        var cache = host.Services.GetRequiredService<ICache>();

        await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(); // PINGs Redis
        await cache.SetAsync("party:3", new byte[] { 3 }, TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100 && !Redis(spans).Any(); i++)
        {
            await Task.Delay(100);
        }

        Assert.NotEmpty(Redis(spans));
        Assert.DoesNotContain(Redis(spans), span => span.DisplayName.StartsWith("PING", StringComparison.Ordinal));
    }

    private static List<Activity> Redis(List<Activity> spans)
    {
        lock (spans)
        {
            return spans.Where(span => (string?)span.GetTagItem("db.system") == "redis").ToList();
        }
    }

    private async Task<IHost> StartAsync(string? connectionString = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = _service,
            ["ConnectionStrings:redis"] = connectionString ?? infrastructure.RedisConnectionString,
        });
        builder.AddRedisCache("redis");
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        if (connectionString is null)
        {
            await WaitForConnectionAsync(host);
        }
        return host;
    }

    private static async Task WaitForConnectionAsync(IHost host)
    {
        var health = host.Services.GetRequiredService<HealthCheckService>();
        for (var i = 0; i < 300; i++)
        {
            if ((await health.CheckHealthAsync()).Status == HealthStatus.Healthy)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("Redis did not become healthy.");
    }
}
