namespace Zielsteuerung.Caching;

/// <summary>
/// A shared cache of byte values with a time to live. It is an optimisation only: when the cache is unreachable
/// <see cref="GetAsync"/> answers "miss" and writes are dropped, so callers fall back to their database and a
/// request never fails because of the cache.
/// </summary>
/// <remarks>
/// Keys are the service's own: the implementation prefixes them with the service name. Invalidate by
/// <see cref="RemoveAsync"/> after the database commit; if the cache is down at that moment, or the process dies
/// between the commit and the removal, the stale value lives until its time to live ends, so choose time to live as
/// the longest staleness you accept, or remove the key before the commit too. Fill after a miss with
/// <see cref="SetIfAbsentAsync"/>, so that a value loaded before a write cannot replace the writer's.
/// </remarks>
public interface ICache
{
    /// <summary>The value, or null on a miss or when the cache is unavailable.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> for <paramref name="timeToLive"/>; silently skipped when the cache is unavailable.</summary>
    Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="value"/> only if the key holds no value (a fill after a miss: it never overwrites what a
    /// writer put there meanwhile); silently skipped when the cache is unavailable.
    /// </summary>
    Task SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Removes the key; silently skipped when the cache is unavailable.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}
