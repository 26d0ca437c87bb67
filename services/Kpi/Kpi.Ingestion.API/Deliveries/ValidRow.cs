namespace Kpi.Ingestion.API.Deliveries;

/// <summary>A delivered row that passed every check, in its stored form.</summary>
internal readonly record struct ValidRow(int Jobcenter, short Code, short Sex, short Basis, int Month, decimal Value, decimal? Numerator, decimal? Denominator)
{
    /// <summary>The key a delivery may carry once: jobcenter (17 bits), month (16), code (16), sex (2), basis (2).</summary>
    public long Key => ((long)Jobcenter << 36) | ((long)(Month & 0xFFFF) << 20) | ((long)(ushort)Code << 4) | ((long)(Sex & 3) << 2) | (long)(Basis & 3);
}

/// <summary>Why one row was not stored: the contract's RowError.</summary>
internal sealed record RowProblem(long RowNumber, string Reason, string Field, string Message);
