namespace Kpi.Ingestion.API.Model;

/// <summary>The service's limits (configuration section "Kpi").</summary>
internal sealed class KpiOptions
{
    /// <summary>More rows in one delivery are RESOURCE_EXHAUSTED.</summary>
    public long MaxRowsPerDelivery { get; set; } = 10_000_000;

    /// <summary>Row errors kept per delivery for its report (all are counted).</summary>
    public int MaxKeptRowErrors { get; set; } = 100_000;
}
