namespace Agreements.API.Model;

internal enum ViolationKind
{
    /// <summary>The request itself is malformed: INVALID_ARGUMENT (BadRequest, field = <see cref="Violation.Subject"/>).</summary>
    Invalid,

    /// <summary>Well-formed, but the state of the world forbids it: FAILED_PRECONDITION (PreconditionFailure).</summary>
    Precondition,
}

/// <summary>
/// One reason a write is refused. Rules collect all of them, so a refused write names every problem at once.
/// </summary>
/// <param name="Rule">What was checked, e.g. "legal_basis.nr4.municipal_carrier_zkt" or "lifecycle.sign".</param>
/// <param name="Subject">The field path or party the rule is about, e.g. "content.goals[2].targets[0].value", "kt-05554".</param>
internal sealed record Violation(ViolationKind Kind, string Rule, string Subject, string Description)
{
    public static Violation Invalid(string field, string description) => new(ViolationKind.Invalid, "request", field, description);

    public static Violation Precondition(string rule, string subject, string description) => new(ViolationKind.Precondition, rule, subject, description);
}
