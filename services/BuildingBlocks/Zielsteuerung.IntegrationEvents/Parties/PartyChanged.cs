namespace Zielsteuerung.IntegrationEvents.Parties;

/// <summary>
/// A change of a party was recorded in the party registry. Read the party as of <see cref="EffectiveDate"/> (or
/// later) from the registry for its new state; cached copies of versions below <see cref="Version"/> are stale.
/// </summary>
public sealed record PartyChanged : IntegrationEvent
{
    public required string PartyId { get; init; }

    /// <summary>The kind as in nrw-parties.csv: "jobcenter", "municipal_carrier", ….</summary>
    public required string Kind { get; init; }

    /// <summary>The party's version after the change.</summary>
    public required long Version { get; init; }

    /// <summary>From when the change applies.</summary>
    public required DateOnly EffectiveDate { get; init; }

    /// <summary>
    /// The fields that changed, as in the registry's history: "name", "short_name", "ags", "state", "form",
    /// "vergleichstyp", "relations.carrier", "relations.partner_agency", "relations.parent",
    /// "relations.supervisor", "representatives.&lt;role&gt;", and "dissolved" when the party ceased to exist.
    /// </summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }
}
