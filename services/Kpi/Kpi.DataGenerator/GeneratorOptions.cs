namespace Kpi.DataGenerator;

public enum BasisSelection
{
    /// <summary>Every value twice: t-0 (ohne Wartezeit) and final.</summary>
    Both,
    T0,
    Final,
}

/// <summary>What <see cref="KpiDataGenerator"/> writes. The same options (with the same seed) give the same rows.</summary>
public sealed record GeneratorOptions
{
    public const string FirstMonth = "2011-01";

    public long Seed { get; init; } = 2018;

    public string From { get; init; } = FirstMonth;

    public string To { get; init; } = "2025-12";

    /// <summary>Keys ("jc-05554") or AGS ("05554"); empty = all 53 NRW jobcenters.</summary>
    public IReadOnlyList<string> Jobcenters { get; init; } = [];

    public BasisSelection Basis { get; init; } = BasisSelection.Both;

    /// <summary>Also the published figures K1 … K3E4 for the months with 12 months of history before them.</summary>
    public bool Published { get; init; }

    /// <summary>Instead of the history: a correction delivery of <see cref="RevisionCodes"/> for the revision months
    /// at <see cref="RevisionJobcenterCount"/> jobcenters, values changed by a few per cent (as the BA's Feb 2024
    /// correction of K3E2 for Jul–Sep 2023).</summary>
    public bool Revision { get; init; }

    public string RevisionFrom { get; init; } = "2023-07";

    public string RevisionTo { get; init; } = "2023-09";

    public int RevisionJobcenterCount { get; init; } = 20;
}
