using System.Globalization;

namespace Monitoring.Reporting;

internal static class ReportChecks
{
    /// <summary>Refuses a report whose parts do not belong together: a report month outside the year, a result of another year.</summary>
    public static void ThrowIfInconsistent(DialogueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = report.Header;
        if (header.ReportMonth.Year != header.Year)
        {
            throw new ArgumentException($"The report month {header.ReportMonth} lies outside the year {Text(header.Year)}.", nameof(report));
        }

        if (report.Targets.FirstOrDefault(t => t.Result.Months.Count > 0 && t.Result.Year != header.Year) is { } other)
        {
            throw new ArgumentException($"Target {other.Target.Id} has results for {Text(other.Result.Year)}, not {Text(header.Year)}.", nameof(report));
        }
    }

    private static string Text(int year) => year.ToString(CultureInfo.InvariantCulture);
}
