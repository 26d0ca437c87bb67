namespace Zielsteuerung.IntegrationEvents.Agreements;

/// <summary>
/// What every event of the agreements service says about the agreement, so a consumer can act without calling back:
/// which agreement, year, basis, parties, and the edition and status after the fact.
/// </summary>
/// <remarks>The producer sets all of these on every event. Tokens are the contract's enum names without prefix, lower case: legal basis "sgb2_48b_nr4", status "in_force".</remarks>
public abstract record AgreementEvent : IntegrationEvent
{
    public string AgreementId { get; init; } = "";

    public int Year { get; init; }

    public string LegalBasis { get; init; } = "";

    /// <summary>ISO 3166-2 of the state concerned ("DE-NW"); empty for federal agreements.</summary>
    public string State { get; init; } = "";

    public int Edition { get; init; }

    public string Status { get; init; } = "";

    public IReadOnlyList<string> PartyIds { get; init; } = [];

    /// <summary>The agreement's version after the write (cached copies below it are stale).</summary>
    public long Version { get; init; }

    /// <summary>The business date of the fact (signed on, returned on …).</summary>
    public DateOnly EffectiveOn { get; init; }

    /// <summary>"client (party)" of the token that made the change.</summary>
    public string RecordedBy { get; init; } = "";
}

/// <summary>
/// A target of an agreement in typed form (contract message Target), enough for the monitoring service to evaluate it;
/// its wording is in the agreement (GetAgreement), not in every event.
/// </summary>
/// <param name="Indicator">A key figure id ("K2") or "custom:&lt;id&gt;".</param>
/// <param name="Part">"value", "numerator", "denominator" for key figures; empty for custom indicators.</param>
/// <param name="Measure">"calendar_year_value", "annual_average", "december_value", "annual_sum".</param>
/// <param name="Comparison">"relative_change" (in %) or "absolute".</param>
/// <param name="Direction">"at_least" or "at_most".</param>
/// <param name="DataBasis">"t0" or "final".</param>
/// <param name="JobcenterId">The jobcenter the target is about, or empty for a group.</param>
/// <param name="Group">"zkt_of_state", "ge_of_state", "jobcenters_of_state", or empty.</param>
/// <param name="Aggregation">"pooled" or "mean_of_members" for a group.</param>
/// <param name="Sex">"total", "women", "men".</param>
public sealed record AgreedTarget(
    string GoalId,
    string TargetId,
    string Indicator,
    string Part,
    string Measure,
    string Comparison,
    string Direction,
    decimal Value,
    string DataBasis,
    string JobcenterId,
    string Group,
    string GroupState,
    string Aggregation,
    string Sex);

public sealed record AgreementDrafted : AgreementEvent
{
    public required string DraftingPartyId { get; init; }

    public required string Title { get; init; }
}

/// <summary>The content of the open edition changed (a new revision); <see cref="Changed"/> names the fields.</summary>
public sealed record AgreementRevised : AgreementEvent
{
    public required IReadOnlyList<string> Changed { get; init; }
}

/// <summary>The targets of the open edition changed (drafted, revised, local goals added or amended): all of them now.</summary>
public sealed record AgreementTargetsChanged : AgreementEvent
{
    public required IReadOnlyList<AgreedTarget> Targets { get; init; }
}

public sealed record LocalGoalsRequested : AgreementEvent
{
    public required string RequestedPartyId { get; init; }

    public required DateOnly Deadline { get; init; }
}

public sealed record LocalGoalsAdded : AgreementEvent
{
    public required string AddedByPartyId { get; init; }

    public required IReadOnlyList<string> GoalIds { get; init; }
}

public sealed record AgreementSigned : AgreementEvent
{
    public required string SignedByPartyId { get; init; }

    public required string Signatory { get; init; }

    public required string Place { get; init; }

    /// <summary>A consenting party's consent (BMF to a Nr. 1 agreement) rather than a signature.</summary>
    public required bool Consent { get; init; }

    /// <summary>The parties whose signature is still missing; empty when this one put the agreement in force.</summary>
    public required IReadOnlyList<string> AwaitingSignature { get; init; }
}

/// <summary>The last party signed: the edition is in force from <see cref="AgreementEvent.EffectiveOn"/>, with these targets.</summary>
public sealed record AgreementInForce : AgreementEvent
{
    /// <summary>The edition this one supersedes (an amendment), or 0.</summary>
    public required int SupersedesEdition { get; init; }

    public required IReadOnlyList<AgreedTarget> Targets { get; init; }
}

public sealed record AgreementReturned : AgreementEvent
{
    public required string ReturnedByPartyId { get; init; }

    public required string Reason { get; init; }
}

public sealed record AgreementWithdrawn : AgreementEvent
{
    public required string Reason { get; init; }
}

/// <summary>An amendment of the edition in force was started (a new edition in draft, to be signed again).</summary>
public sealed record AgreementAmended : AgreementEvent
{
    public required int AmendsEdition { get; init; }

    public required string Reason { get; init; }
}

public sealed record AgreementClosed : AgreementEvent;

public sealed record DialogueHeld : AgreementEvent
{
    public required string DialogueId { get; init; }

    public required string Kind { get; init; }
}

/// <summary>A steering measure agreed in a dialogue reached its due date while still open or in progress.</summary>
public sealed record MeasureDue : AgreementEvent
{
    public required string DialogueId { get; init; }

    public required string MeasureId { get; init; }

    public required string Title { get; init; }

    public required string OwnerPartyId { get; init; }

    public required DateOnly DueOn { get; init; }
}
