using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Kpi.V1;

namespace Zielsteuerung.Demo;

/// <summary>What a load did: one entry per seed agreement, the KPI delivery, the dialogue report, and how long it took.</summary>
public sealed record DemoReport(IReadOnlyList<SeedLoad> Agreements, KpiLoad Kpi, ReportLoad Report, TimeSpan Elapsed)
{
    /// <summary>False when the demo was loaded already and this run wrote nothing.</summary>
    public bool ChangedAnything => Agreements.Any(a => a.Outcome != LoadOutcome.AlreadyLoaded) || Kpi.Outcome != LoadOutcome.AlreadyLoaded
        || Report.Outcome != LoadOutcome.AlreadyLoaded;

    /// <summary>The progress lines again, and the total.</summary>
    public IEnumerable<string> Lines => Agreements.Select(a => a.Line).Append(Kpi.Line).Append(Report.Line).Append(Total);

    public string Total => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Demo data {(ChangedAnything ? "loaded" : "was loaded already")} in {Elapsed.TotalSeconds:0.0} s.");
}

public enum LoadOutcome
{
    /// <summary>Written by this run.</summary>
    Loaded,

    /// <summary>An earlier run stopped midway; this one wrote the rest.</summary>
    Resumed,

    /// <summary>There already; nothing written.</summary>
    AlreadyLoaded,
}

/// <summary>A seed agreement: its demo id, its status after the load, and the progress line that told it.</summary>
public sealed record SeedLoad(string Seed, string AgreementId, AgreementStatus Status, LoadOutcome Outcome, string Line);

/// <summary>The Borken 2018 dialogue report: its id, the file it was written to, and the progress line that told it.</summary>
public sealed record ReportLoad(string ReportId, string Path, LoadOutcome Outcome, string Line);

/// <summary>The KPI delivery: its id and state, the rows it stored, and the progress line that told it.</summary>
public sealed record KpiLoad(string DeliveryId, DeliveryState State, long RowsStored, LoadOutcome Outcome, TimeSpan Elapsed, string Line);
