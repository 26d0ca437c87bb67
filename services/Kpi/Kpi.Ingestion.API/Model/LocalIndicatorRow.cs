namespace Kpi.Ingestion.API.Model;

/// <summary>An indicator of an agreement's own for one jobcenter (table local_indicators).</summary>
internal sealed class LocalIndicatorRow
{
    public required string Code { get; set; }

    public short Id { get; set; }

    public required string JobcenterId { get; set; }

    public required string Name { get; set; }

    public required string Title { get; set; }

    public required string Unit { get; set; }

    public required string Kind { get; set; }

    public required string DeclaredByAgreement { get; set; }
}
