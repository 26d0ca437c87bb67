namespace Zielsteuerung.Persistence;

/// <summary>
/// Keeps background database chatter (outbox polling, health probes) out of the traces: commands run inside
/// <see cref="Suppress"/> create no Npgsql spans. Applies to contexts registered with AddNpgsqlDbContext.
/// </summary>
public static class DatabaseTracing
{
    private static readonly AsyncLocal<bool> Suppressed = new();

    /// <summary>Whether commands on the current async flow are untraced.</summary>
    public static bool IsSuppressed => Suppressed.Value;

    /// <summary>Until disposed, commands on the current async flow create no spans.</summary>
    public static IDisposable Suppress()
    {
        var previous = Suppressed.Value;
        Suppressed.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Suppressed.Value = previous;
    }
}
