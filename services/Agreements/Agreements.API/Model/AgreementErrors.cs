namespace Agreements.API.Model;

/// <summary>A request the service refuses; <c>Grpc/AgreementsErrorInterceptor</c> maps each kind to its status.</summary>
internal abstract class AgreementException(string message) : Exception(message);

/// <summary>INVALID_ARGUMENT when any violation is <see cref="ViolationKind.Invalid"/>, else FAILED_PRECONDITION.</summary>
internal sealed class RuleViolationException(IReadOnlyList<Violation> violations)
    : AgreementException(string.Join(" ", violations.Select(v => $"{v.Subject}: {v.Description}")))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;

    public bool IsPrecondition => Violations.All(v => v.Kind == ViolationKind.Precondition);

    public static RuleViolationException Invalid(string field, string description) => new([Violation.Invalid(field, description)]);

    public static RuleViolationException Precondition(string rule, string subject, string description) =>
        new([Violation.Precondition(rule, subject, description)]);

    public static void ThrowIfAny(IReadOnlyList<Violation> violations)
    {
        if (violations.Count > 0)
        {
            // A malformed request is reported alone: its preconditions may be artefacts of the malformed part.
            var invalid = violations.Where(v => v.Kind == ViolationKind.Invalid).ToList();
            throw new RuleViolationException(invalid.Count > 0 ? invalid : violations);
        }
    }
}

/// <summary>PERMISSION_DENIED: the caller's party may not do this to this agreement (ErrorInfo reason).</summary>
internal sealed class NotPermittedException(string reason, string message) : AgreementException(message)
{
    /// <summary>NOT_A_PARTY, NOT_THE_DRAFTING_PARTY, NOT_A_SIGNATORY, NOT_THE_REQUESTED_PARTY.</summary>
    public string Reason { get; } = reason;
}

/// <summary>NOT_FOUND: an unknown agreement, edition, document, dialogue or measure.</summary>
internal sealed class NotFoundException(string resourceType, string resource, string message) : AgreementException(message)
{
    public string ResourceType { get; } = resourceType;

    public string Resource { get; } = resource;
}

/// <summary>ALREADY_EXISTS: the caller-chosen agreement id is taken.</summary>
internal sealed class AlreadyExistsException(string resource, string message) : AgreementException(message)
{
    public string Resource { get; } = resource;
}

/// <summary>ABORTED: the expected version is stale.</summary>
internal sealed class VersionConflictException(string id, long expected, long current)
    : AgreementException($"agreement '{id}' is at version {current}, not {expected}: read it again and retry.")
{
    public string AgreementId { get; } = id;

    public long CurrentVersion { get; } = current;
}

/// <summary>RESOURCE_EXHAUSTED: a document over the size limit.</summary>
internal sealed class TooLargeException(string message) : AgreementException(message);
