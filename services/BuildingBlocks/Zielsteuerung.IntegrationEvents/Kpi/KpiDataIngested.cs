namespace Zielsteuerung.IntegrationEvents.Kpi;

/// <summary>
/// A delivery of KPI data was stored (published after its commit): which values changed, so that a consumer (the
/// monitoring service) recomputes exactly what is affected. Codes are base quantities ("elb_stock"), figure ids of
/// published figures ("K2") or local indicators; months "yyyy-MM"; jobcenters their party ids ("jc-05554").
/// </summary>
public sealed record KpiDataIngested : IntegrationEvent
{
    public string DeliveryId { get; init; } = "";

    /// <summary>The delivery's sequence: a value of a higher sequence supersedes one of a lower for the same month.</summary>
    public long Sequence { get; init; }

    public IReadOnlyList<string> JobcenterIds { get; init; } = [];

    public IReadOnlyList<string> Months { get; init; } = [];

    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>"t-0" and/or "final".</summary>
    public IReadOnlyList<string> Bases { get; init; } = [];

    public long RowsStored { get; init; }

    /// <summary>"client (party)" of the token that delivered.</summary>
    public string DeliveredBy { get; init; } = "";
}
