using Kpi.Computation;

namespace Kpi.Ingestion.API.Model;

/// <summary>Months as stored (year × 12 + month − 1) and as the contract writes them.</summary>
internal static class Months
{
    public static int Index(YearMonth month) => month.Year * 12 + month.Month - 1;

    public static YearMonth FromIndex(int index) => new(index / 12, index % 12 + 1);

    /// <summary>The last month that has ended in Germany on <paramref name="today"/> (GermanClock).</summary>
    public static YearMonth LastEnded(DateOnly today) => new YearMonth(today.Year, today.Month).AddMonths(-1);

    public static DateOnly LastDay(YearMonth month) => new(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month));
}
