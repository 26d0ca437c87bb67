using Microsoft.Extensions.Logging;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace Zielsteuerung.Caching.Redis;

// The one ConnectionMultiplexer of the process. Connecting starts at once and in the background
// (abortConnect=false): until it is connected every operation is a miss, and the multiplexer
// reconnects on its own after an outage.
internal sealed class RedisConnection : IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;

    public RedisConnection(string connectionString, ILogger<RedisConnection> logger, StackExchangeRedisInstrumentation? instrumentation = null)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.ConnectRetry = 1;
        _connecting = Connect(options, logger, instrumentation);
    }

    /// <summary>The multiplexer if it is connected now, otherwise null.</summary>
    public IConnectionMultiplexer? Connected =>
        _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected ? _connecting.Result : null;

    public void Dispose()
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            _connecting.Result.Dispose();
        }
        else
        {
            _connecting.ContinueWith(
                t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    private static async Task<ConnectionMultiplexer> Connect(ConfigurationOptions options, ILogger logger, StackExchangeRedisInstrumentation? instrumentation)
    {
        await Task.Yield();
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (Exception ex)
        {
            // Only a broken configuration gets here (abortConnect=false); the service runs on without a cache.
            logger.LogError(ex, "Redis cannot be used; every read goes to the database.");
            throw;
        }
        instrumentation?.AddConnection(multiplexer);
        multiplexer.ConnectionFailed += (_, e) =>
            logger.LogWarning("Redis connection lost ({FailureType}); reads go to the database.", e.FailureType);
        multiplexer.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored.");
        if (!multiplexer.IsConnected)
        {
            logger.LogWarning("Redis is not reachable yet; reads go to the database until it is.");
        }
        return multiplexer;
    }
}
