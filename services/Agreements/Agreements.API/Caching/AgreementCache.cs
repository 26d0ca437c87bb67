using System.Collections.Concurrent;
using Agreements.API.Model;
using Google.Protobuf;
using Zielsteuerung.Caching;

namespace Agreements.API.Caching;

/// <summary>
/// Agreements in two cache levels in front of PostgreSQL, for reads and for the load before a write.
/// <list type="bullet">
/// <item>In process: the parsed record per id for <see cref="LocalTimeToLive"/> (default 2 s). A record here is never
/// changed: writers work on a clone. A write on this instance puts its result here at once (the higher version wins);
/// writes on other instances are seen after at most the time to live.</item>
/// <item>Redis (<see cref="ICache"/>), shared: "agreement:{id}" = the record's bytes, removed after every commit and once
/// more a second later (a read that loaded the old state just before the commit may have put it back).</item>
/// </list>
/// Staleness cannot corrupt anything: every write carries <c>expected_version</c> and the UPDATE checks it, and a write
/// whose cached version differs from the expected one reads the database before it answers ABORTED.
/// </summary>
internal sealed class AgreementCache(ICache cache, IConfiguration configuration)
{
    // Parsed records are tens of kilobytes of objects each; many of them would make every full GC long.
    private const int MaxLocalEntries = 1_000;
    private static readonly TimeSpan SharedTimeToLive = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _local = new(StringComparer.Ordinal);

    public TimeSpan LocalTimeToLive { get; } = configuration.GetValue("Agreements:LocalCacheTimeToLive", TimeSpan.FromSeconds(2));

    /// <summary>The record (do not change it) from either level, or null.</summary>
    public async Task<AgreementRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_local.TryGetValue(id, out var entry) && entry.ExpiresAt > Environment.TickCount64)
        {
            return entry.Record;
        }

        var bytes = await cache.GetAsync(Key(id), cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        var record = AgreementRecord.Parser.ParseFrom(bytes);
        Keep(record);
        return record;
    }

    /// <summary>After a read from the database: both levels.</summary>
    public async Task SetAsync(AgreementRecord record, byte[] bytes, CancellationToken cancellationToken)
    {
        Keep(record);
        await cache.SetAsync(Key(record.Header.Id), bytes, SharedTimeToLive, cancellationToken);
    }

    /// <summary>After a committed write: this instance keeps the new state, Redis forgets the old one (now and in a second).</summary>
    public async Task WrittenAsync(AgreementRecord record)
    {
        Keep(record);
        var key = Key(record.Header.Id);
        await cache.RemoveAsync(key, CancellationToken.None);
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            await cache.RemoveAsync(key, CancellationToken.None);
        }, CancellationToken.None);
    }

    /// <summary>Forgets an agreement locally (its cached version turned out stale).</summary>
    public void Forget(string id) => _local.TryRemove(id, out _);

    private void Keep(AgreementRecord record)
    {
        if (LocalTimeToLive <= TimeSpan.Zero)
        {
            return;
        }

        if (_local.Count >= MaxLocalEntries)
        {
            _local.Clear();
        }

        var entry = new Entry(record, Environment.TickCount64 + (long)LocalTimeToLive.TotalMilliseconds);
        _local.AddOrUpdate(record.Header.Id, entry, (_, existing) => existing.Record.Header.Version > record.Header.Version ? existing : entry);
    }

    private static string Key(string id) => "agreement:" + id;

    private sealed record Entry(AgreementRecord Record, long ExpiresAt);
}
