using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PartyRegistry.API.Application;
using PartyRegistry.API.Grpc;
using PartyRegistry.API.Model;
using Zielsteuerung.Caching;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.API.Caching;

/// <summary>
/// Two cache levels for the read-heavy lookups.
/// <list type="bullet">
/// <item>Redis (<see cref="ICache"/>), shared by all instances: a whole party with all its periods under
/// "party:{id}" (so every as-of read of it is served from one entry), and the parties that ever held an AGS under
/// "ags:{kind}:{ags}". Writes remove the keys they touch after the commit, and once more a second later (a read
/// that loaded the old state just before the commit may have put it back).</item>
/// <item>In process: the finished GetParty answer per (id, as_of) for <see cref="LocalTimeToLive"/> — no Redis round
/// trip, no allocation on a hit. A write on this instance evicts it at once; writes on other instances are seen
/// after at most <see cref="LocalTimeToLive"/>.</item>
/// </list>
/// </summary>
internal sealed class PartyCache(ICache cache, RegistryTelemetry telemetry, IConfiguration configuration)
{
    private const int MaxLocalEntries = 20_000;

    // Invalidation is explicit; the time to live only bounds staleness if a removal is lost while Redis is down.
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, LocalEntry> _local = new(StringComparer.Ordinal);
    private long _generation;

    public TimeSpan LocalTimeToLive { get; } = configuration.GetValue("PartyRegistry:LocalCacheTimeToLive", TimeSpan.FromSeconds(2));

    /// <summary>Changes with every invalidation; take it before loading, pass it to <see cref="SetLocal"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGetLocal(string id, DateOnly asOf, [NotNullWhen(true)] out Task<Party>? answer)
    {
        if (_local.TryGetValue(id, out var entry) && entry.ExpiresAt > Environment.TickCount64)
        {
            return entry.ByDate.TryGetValue(asOf, out answer);
        }

        answer = null;
        return false;
    }

    /// <summary>Keeps an answer unless an invalidation happened since <paramref name="generation"/> was taken.</summary>
    public void SetLocal(string id, DateOnly asOf, Party party, long generation)
    {
        if (LocalTimeToLive <= TimeSpan.Zero)
        {
            return;
        }

        if (_local.Count >= MaxLocalEntries)
        {
            _local.Clear();
        }

        var now = Environment.TickCount64;
        var entry = _local.AddOrUpdate(
            id,
            _ => new LocalEntry(now + (long)LocalTimeToLive.TotalMilliseconds),
            (_, existing) => existing.ExpiresAt > now ? existing : new LocalEntry(now + (long)LocalTimeToLive.TotalMilliseconds));
        entry.ByDate[asOf] = Task.FromResult(party);
        if (Generation != generation)
        {
            _local.TryRemove(id, out _);
        }
    }

    public async Task<PartyRecord?> GetOrLoadAsync(
        string id, Func<CancellationToken, Task<PartyRecord?>> load, CancellationToken cancellationToken)
    {
        var missed = false;
        var message = await cache.GetOrCreateAsync(
            PartyKey(id),
            PartyHistory.Parser,
            async ct =>
            {
                missed = true;
                return await load(ct) is { } record ? PartyMapper.ToHistory(record, []) : null;
            },
            TimeToLive,
            cancellationToken);
        telemetry.CacheLookup(hit: !missed);
        return message is null ? null : PartyMapper.FromHistory(message);
    }

    public async Task<IReadOnlyList<string>> GetOrLoadAgsHoldersAsync(
        Model.PartyKind kind, string ags, Func<CancellationToken, Task<List<string>>> load, CancellationToken cancellationToken)
    {
        var message = await cache.GetOrCreateAsync(
            AgsKey(kind, ags),
            PartyIds.Parser,
            async ct => new PartyIds { Ids = { await load(ct) } },
            TimeToLive,
            cancellationToken);
        return message!.Ids;
    }

    /// <summary>Removes what a committed write to <paramref name="record"/> may have made stale, in both levels.</summary>
    public async Task InvalidateAsync(PartyRecord record, IEnumerable<string> agsValues, CancellationToken cancellationToken)
    {
        var keys = agsValues.Distinct(StringComparer.Ordinal).Select(ags => AgsKey(record.Kind, ags)).Prepend(PartyKey(record.Id)).ToList();
        Interlocked.Increment(ref _generation);
        _local.TryRemove(record.Id, out _);
        await RemoveAsync(keys, cancellationToken);
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            await RemoveAsync(keys, CancellationToken.None);
        }, CancellationToken.None);
    }

    public static IEnumerable<string> AgsValues(PartyRecord record) =>
        record.Fields.TryGetValue(Tokens.Ags, out var timeline) ? timeline.Segments.Select(s => s.Value) : [];

    internal static string PartyKey(string id) => "party:" + id;

    private async Task RemoveAsync(List<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
    }

    private static string AgsKey(Model.PartyKind kind, string ags) => $"ags:{kind.ToToken()}:{ags}";

    private sealed class LocalEntry(long expiresAt)
    {
        public long ExpiresAt { get; } = expiresAt;

        public ConcurrentDictionary<DateOnly, Task<Party>> ByDate { get; } = new();
    }
}
