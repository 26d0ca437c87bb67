namespace Zielsteuerung.IntegrationEvents.Parties;

/// <summary>
/// A party was registered in the party registry (RegisterParty, an import, or the reference data at first start).
/// </summary>
public sealed record PartyRegistered : IntegrationEvent
{
    /// <summary>The stable id, e.g. "jc-05554".</summary>
    public required string PartyId { get; init; }

    /// <summary>The kind as in nrw-parties.csv: "jobcenter", "municipal_carrier", "state_ministry", ….</summary>
    public required string Kind { get; init; }

    /// <summary>Always 1 for a registration.</summary>
    public required long Version { get; init; }

    /// <summary>From when the party exists.</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>The official name on <see cref="ValidFrom"/> (later names: the registry's history).</summary>
    public required string Name { get; init; }

    /// <summary>The regional key, empty if the party has none.</summary>
    public required string Ags { get; init; }
}
