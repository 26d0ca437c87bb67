using Kpi.Computation;

namespace Kpi.Ingestion.API.Model;

/// <summary>Months as stored (year × 12 + month − 1) and as the contract writes them.</summary>
internal static class Months
{
    public static int Index(YearMonth month) => month.Year * 12 + month.Month - 1;

    public static YearMonth FromIndex(int index) => new(index / 12, index % 12 + 1);

    /// <summary>The last month that has ended in Germany at <paramref name="now"/>.</summary>
    public static YearMonth LastEnded(DateTimeOffset now)
    {
        var german = TimeZoneInfo.ConvertTime(now, Berlin);
        return new YearMonth(german.Year, german.Month).AddMonths(-1);
    }

    public static DateOnly LastDay(YearMonth month) => new(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month));

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
}
