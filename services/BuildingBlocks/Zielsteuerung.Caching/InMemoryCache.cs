using System.Collections.Concurrent;

namespace Zielsteuerung.Caching;

/// <summary>
/// <see cref="ICache"/> in process memory, for unit tests: honours time to live through <see cref="TimeProvider"/>,
/// and <see cref="Available"/> = false behaves like a Redis outage (misses, dropped writes).
/// </summary>
public sealed class InMemoryCache(TimeProvider? timeProvider = null) : ICache
{
    private readonly ConcurrentDictionary<string, (byte[] Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>False simulates an unreachable cache.</summary>
    public bool Available { get; set; } = true;

    /// <summary>Keys currently stored and not expired.</summary>
    public IReadOnlyCollection<string> Keys =>
        _entries.Where(e => e.Value.ExpiresAt > _time.GetUtcNow()).Select(e => e.Key).ToList();

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Available && _entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > _time.GetUtcNow())
            {
                return Task.FromResult<byte[]?>(entry.Value.ToArray());
            }
            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }
        return Task.FromResult<byte[]?>(null);
    }

    /// <inheritdoc />
    public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        if (Available)
        {
            _entries[key] = (value.ToArray(), _time.GetUtcNow() + timeToLive);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        if (Available)
        {
            _entries.AddOrUpdate(key, _ => (value.ToArray(), now + timeToLive),
                (_, held) => held.ExpiresAt > now ? held : (value.ToArray(), now + timeToLive));
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Available)
        {
            _entries.TryRemove(key, out _);
        }
        return Task.CompletedTask;
    }
}
