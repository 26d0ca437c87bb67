namespace Monitoring.Attainment;

/// <summary>What a result was computed from, carried unchanged so that a report can be reproduced.</summary>
public sealed record Provenance(string AgreementId, long AgreementVersion, IReadOnlyList<string> KpiDeliveryIds);
