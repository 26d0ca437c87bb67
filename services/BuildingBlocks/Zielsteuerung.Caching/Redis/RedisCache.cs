using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Zielsteuerung.Caching.Redis;

internal sealed class RedisCache(RedisConnection connection, IOptions<CacheOptions> options, ILogger<RedisCache> logger) : ICache
{
    private readonly CacheOptions _options = options.Value;

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = await RunAsync(db => db.StringGetAsync(Key(key)), RedisValue.Null, cancellationToken);
        return value.IsNull ? null : (byte[]?)value;
    }

    public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var bytes = value.ToArray();
        return RunAsync(db => db.StringSetAsync(Key(key), bytes, timeToLive), false, cancellationToken);
    }

    public Task SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var bytes = value.ToArray();
        return RunAsync(db => db.StringSetAsync(Key(key), bytes, timeToLive, When.NotExists), false, cancellationToken);
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RunAsync(db => db.KeyDeleteAsync(Key(key)), false, cancellationToken);
    }

    private string Key(string key) => _options.KeyPrefix + key;

    // StackExchange.Redis 1.2.6 has no timeout for async operations, hence our own.
    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, T unavailable, CancellationToken cancellationToken)
    {
        var multiplexer = connection.Connected;
        if (multiplexer is null)
        {
            return unavailable;
        }
        try
        {
            return await operation(multiplexer.GetDatabase()).WaitAsync(_options.OperationTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis operation failed ({Message}); falling back to the database.", ex.Message);
            return unavailable;
        }
    }
}
