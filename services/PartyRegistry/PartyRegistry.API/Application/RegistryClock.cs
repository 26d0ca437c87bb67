namespace PartyRegistry.API.Application;

/// <summary>"Today" in Germany, the default of every as_of (dates are German calendar days).</summary>
internal sealed class RegistryClock(TimeProvider time)
{
    private static readonly TimeZoneInfo Germany = FindGermany();

    public TimeProvider Time => time;

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Germany).DateTime);

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
}
