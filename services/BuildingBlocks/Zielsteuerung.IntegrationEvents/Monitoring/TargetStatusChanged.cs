namespace Zielsteuerung.IntegrationEvents.Monitoring;

/// <summary>
/// The status of a monitored target changed (contract message zielsteuerung.monitoring.v1.StatusChange): enough for a
/// consumer to notify its people without calling back.
/// </summary>
/// <remarks>Statuses are the contract's enum names without prefix, lower case: "on_track", "at_risk", "off_track",
/// "achieved", "missed", "no_data", "not_assessable", "observed"; <see cref="PreviousStatus"/> is empty for a target
/// monitored for the first time.</remarks>
public sealed record TargetStatusChanged : IntegrationEvent
{
    /// <summary>The change's place in the monitoring service's log of changes: one more than the change before it.</summary>
    public long Position { get; init; }

    public string AgreementId { get; init; } = "";

    public int Year { get; init; }

    public string State { get; init; } = "";

    public IReadOnlyList<string> PartyIds { get; init; } = [];

    public string GoalId { get; init; } = "";

    public string TargetId { get; init; } = "";

    public string Label { get; init; } = "";

    /// <summary>The target's jobcenter, or empty for a group target.</summary>
    public string JobcenterId { get; init; } = "";

    public string PreviousStatus { get; init; } = "";

    public string Status { get; init; } = "";

    /// <summary>The month the new status is about (yyyy-MM).</summary>
    public string Month { get; init; } = "";

    /// <summary>What led to the recomputation: "kpi delivery 42", "agreement in force", …</summary>
    public string Cause { get; init; } = "";
}
