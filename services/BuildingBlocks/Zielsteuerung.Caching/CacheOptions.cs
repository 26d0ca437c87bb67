namespace Zielsteuerung.Caching;

/// <summary>Settings of the Redis cache.</summary>
public sealed class CacheOptions
{
    /// <summary>Put before every key; defaults to "&lt;service name&gt;:" so services sharing a Redis never collide.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Longest a cache operation may take before it counts as a miss (or a skipped write).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
