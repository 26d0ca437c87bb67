namespace Zielsteuerung.ServiceDefaults;

/// <summary>"Today" in Germany: the default of every as_of, and the limit of business dates (dates are German calendar days).</summary>
public sealed class GermanClock(TimeProvider time)
{
    private static readonly TimeZoneInfo Germany = FindGermany();

    public TimeProvider Time => time;

    private Cached _today = new(default, 0);

    /// <summary>Today's date in Germany, recomputed at most once a second (every read without as_of asks for it).</summary>
    public DateOnly Today()
    {
        var now = time.GetUtcNow();
        var today = _today;
        if (now.UtcTicks < today.ValidUntilTicks)
        {
            return today.Day;
        }

        today = new Cached(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Germany).DateTime), now.UtcTicks + TimeSpan.TicksPerSecond);
        _today = today;
        return today.Day;
    }

    private static TimeZoneInfo FindGermany()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    // A class, so that a concurrent reader sees the day and its validity together.
    private sealed record Cached(DateOnly Day, long ValidUntilTicks);
}
