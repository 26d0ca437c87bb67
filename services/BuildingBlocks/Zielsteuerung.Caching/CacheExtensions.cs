using Google.Protobuf;

namespace Zielsteuerung.Caching;

/// <summary>Protobuf messages in the cache, and cache-aside.</summary>
public static class CacheExtensions
{
    /// <summary>The cached message, or null on a miss, when unavailable, or when the stored bytes do not parse.</summary>
    public static async Task<T?> GetAsync<T>(
        this ICache cache, string key, MessageParser<T> parser, CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(parser);
        var bytes = await cache.GetAsync(key, cancellationToken);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            await cache.RemoveAsync(key, cancellationToken);
            return null;
        }
    }

    /// <summary>Stores <paramref name="message"/> serialised.</summary>
    public static Task SetAsync<T>(
        this ICache cache, string key, T message, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(message);
        return cache.SetAsync(key, message.ToByteArray(), timeToLive, cancellationToken);
    }

    /// <summary>Stores <paramref name="message"/> serialised, unless the key holds a value.</summary>
    public static Task SetIfAbsentAsync<T>(
        this ICache cache, string key, T message, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(message);
        return cache.SetIfAbsentAsync(key, message.ToByteArray(), timeToLive, cancellationToken);
    }

    /// <summary>
    /// Cache-aside: the cached message if present, otherwise <paramref name="load"/>'s result, which is cached unless
    /// it is null (not found is not cached) or a writer stored a value meanwhile.
    /// </summary>
    public static async Task<T?> GetOrCreateAsync<T>(
        this ICache cache,
        string key,
        MessageParser<T> parser,
        Func<CancellationToken, Task<T?>> load,
        TimeSpan timeToLive,
        CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(load);
        var cached = await cache.GetAsync(key, parser, cancellationToken);
        if (cached is not null)
        {
            return cached;
        }
        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            await cache.SetIfAbsentAsync(key, loaded, timeToLive, cancellationToken);
        }
        return loaded;
    }
}
