namespace Kpi.Ingestion.API.Model;

/// <summary>Why a delivered row was not stored (the contract's RowError.reason).</summary>
internal static class RowReason
{
    public const string UnknownJobcenter = "UNKNOWN_JOBCENTER";
    public const string FutureMonth = "FUTURE_MONTH";
    public const string NegativeValue = "NEGATIVE_VALUE";
    public const string UnknownCode = "UNKNOWN_CODE";
    public const string InconsistentFigure = "INCONSISTENT_FIGURE";
    public const string DuplicateRow = "DUPLICATE_ROW";
    public const string Malformed = "MALFORMED";
}
