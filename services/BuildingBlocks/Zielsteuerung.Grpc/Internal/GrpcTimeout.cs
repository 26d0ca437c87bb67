namespace Zielsteuerung.Grpc.Internal;

/// <summary>
/// grpc-timeout (PROTOCOL-HTTP2.md): TimeoutValue = 1*8 digits, TimeoutUnit = H / M / S / m / u / n.
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            amount = amount * 10 + (c - '0');
        }
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            case 'n': ticks = amount / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>The shortest exact-or-rounded-up representation that fits in 8 digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        // Round up so that the server never sees a shorter deadline than the client's.
        var micros = (ticks + 9) / 10;
        if (micros <= MaxValue)
        {
            return micros % 1000 == 0 && micros / 1000 <= MaxValue ? (micros / 1000) + "m" : micros + "u";
        }
        var millis = (micros + 999) / 1000;
        if (millis <= MaxValue)
        {
            return millis + "m";
        }
        var seconds = (millis + 999) / 1000;
        if (seconds <= MaxValue)
        {
            return seconds + "S";
        }
        var minutes = (seconds + 59) / 60;
        if (minutes <= MaxValue)
        {
            return minutes + "M";
        }
        return Math.Min((minutes + 59) / 60, MaxValue) + "H";
    }
}
