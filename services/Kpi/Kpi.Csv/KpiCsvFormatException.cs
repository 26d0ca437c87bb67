namespace Kpi.Csv;

/// <summary>The file as a whole is not a KPI delivery (no or a wrong header): nothing in it can be delivered.</summary>
public sealed class KpiCsvFormatException(long lineNumber, string message) : FormatException(message)
{
    /// <summary>The line at fault (1-based); 0 when the file is empty.</summary>
    public long LineNumber { get; } = lineNumber;
}
