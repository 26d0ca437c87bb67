using Zielsteuerung.Caching;

namespace BuildingBlocks.Tests.Caching;

public sealed class InMemoryCacheTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Values_expire_after_their_time_to_live()
    {
        var time = new ManualTime();
        var cache = new InMemoryCache(time);
        await cache.SetAsync("k", new byte[] { 1, 2 }, TimeSpan.FromMinutes(5));

        time.Now += TimeSpan.FromMinutes(4);
        Assert.Equal(new byte[] { 1, 2 }, await cache.GetAsync("k"));
        time.Now += TimeSpan.FromMinutes(2);
        Assert.Null(await cache.GetAsync("k"));
    }

    [Fact]
    public async Task An_unavailable_cache_misses_and_drops_writes()
    {
        var cache = new InMemoryCache();
        await cache.SetAsync("k", new byte[] { 1 }, TimeSpan.FromMinutes(1));

        cache.Available = false;
        Assert.Null(await cache.GetAsync("k"));
        await cache.SetAsync("other", new byte[] { 2 }, TimeSpan.FromMinutes(1));

        cache.Available = true;
        Assert.Equal(["k"], cache.Keys);
    }

    [Fact]
    public async Task Cache_aside_loads_once_then_serves_from_the_cache()
    {
        var cache = new InMemoryCache();
        var loads = 0;
        Task<CachedItem?> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult<CachedItem?>(new CachedItem { Id = "1", Name = "Borken" });
        }

        var first = await cache.GetOrCreateAsync("item:1", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));
        var second = await cache.GetOrCreateAsync("item:1", CachedItem.Parser, Load, TimeSpan.FromMinutes(1));

        Assert.Equal(1, loads);
        Assert.Equal(first, second);
        Assert.Equal("Borken", second!.Name);
    }

    [Fact]
    public async Task Not_found_is_not_cached()
    {
        var cache = new InMemoryCache();

        var missing = await cache.GetOrCreateAsync("item:2", CachedItem.Parser, _ => Task.FromResult<CachedItem?>(null), TimeSpan.FromMinutes(1));

        Assert.Null(missing);
        Assert.Empty(cache.Keys);
    }

    [Fact]
    public async Task Bytes_that_do_not_parse_count_as_a_miss_and_are_removed()
    {
        var cache = new InMemoryCache();
        await cache.SetAsync("item:3", new byte[] { 0xFF, 0xFF, 0xFF }, TimeSpan.FromMinutes(1));

        Assert.Null(await cache.GetAsync("item:3", CachedItem.Parser));
        Assert.Empty(cache.Keys);
    }

    [Fact]
    public async Task When_the_cache_is_down_cache_aside_reads_the_source_every_time()
    {
        var cache = new InMemoryCache { Available = false };
        var loads = 0;

        for (var i = 0; i < 3; i++)
        {
            var item = await cache.GetOrCreateAsync("item:4", CachedItem.Parser,
                _ => { loads++; return Task.FromResult<CachedItem?>(new CachedItem { Id = "4" }); }, TimeSpan.FromMinutes(1));
            Assert.Equal("4", item!.Id);
        }
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task A_fill_after_a_miss_does_not_replace_a_value_a_writer_stored_meanwhile_but_fills_an_expired_one()
    {
        var time = new ManualTime();
        var cache = new InMemoryCache(time);
        await cache.SetAsync("k", new byte[] { 2 }, TimeSpan.FromMinutes(1));

        await cache.SetIfAbsentAsync("k", new byte[] { 1 }, TimeSpan.FromMinutes(5));
        Assert.Equal(new byte[] { 2 }, await cache.GetAsync("k"));

        time.Now += TimeSpan.FromMinutes(2);
        await cache.SetIfAbsentAsync("k", new byte[] { 3 }, TimeSpan.FromMinutes(5));
        await cache.SetIfAbsentAsync("new", new byte[] { 4 }, TimeSpan.FromMinutes(5));
        Assert.Equal(new byte[] { 3 }, await cache.GetAsync("k"));
        Assert.Equal(new byte[] { 4 }, await cache.GetAsync("new"));
    }
}
