using PartyRegistry.API.Grpc;
using PartyRegistry.API.Model;
using Zielsteuerung.Caching;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.API.Caching;

/// <summary>
/// Cache-aside for the read-heavy lookups, in Redis through <see cref="ICache"/>: a whole party with all its periods
/// under "party:{id}" (so every as-of read of it is served from one entry), and the parties that ever held an AGS
/// under "ags:{kind}:{ags}". Writes remove the keys they touch after the commit.
/// </summary>
internal sealed class PartyCache(ICache cache, Application.RegistryTelemetry telemetry)
{
    // Invalidation is explicit; the time to live only bounds staleness if a removal is lost while Redis is down.
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(30);

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

    /// <summary>Removes what a write to <paramref name="record"/> may have made stale.</summary>
    public async Task InvalidateAsync(PartyRecord record, IEnumerable<string> agsValues, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(PartyKey(record.Id), cancellationToken);
        foreach (var ags in agsValues.Distinct(StringComparer.Ordinal))
        {
            await cache.RemoveAsync(AgsKey(record.Kind, ags), cancellationToken);
        }
    }

    public static IEnumerable<string> AgsValues(PartyRecord record) =>
        record.Fields.TryGetValue(Tokens.Ags, out var timeline) ? timeline.Segments.Select(s => s.Value) : [];

    internal static string PartyKey(string id) => "party:" + id;

    private static string AgsKey(Model.PartyKind kind, string ags) => $"ags:{kind.ToToken()}:{ags}";
}
