using PartyRegistry.API.Model;

namespace PartyRegistry.API.Application;

/// <summary>A request the registry refuses; the gRPC layer maps each kind to its status code.</summary>
internal abstract class RegistryException(string message) : Exception(message);

/// <summary>NOT_FOUND: the id is unknown, or the party did not exist on the date asked for.</summary>
internal sealed class PartyNotFoundException(string id, string message) : RegistryException(message)
{
    public string PartyId { get; } = id;
}

/// <summary>ALREADY_EXISTS: the id is taken, or another party of the kind holds the AGS in an overlapping period.</summary>
internal sealed class PartyAlreadyExistsException(string resource, string message) : RegistryException(message)
{
    public string Resource { get; } = resource;
}

/// <summary>INVALID_ARGUMENT (<see cref="ViolationKind.Invalid"/>) or FAILED_PRECONDITION (only preconditions).</summary>
internal sealed class RuleViolationException(IReadOnlyList<RuleViolation> violations)
    : RegistryException(string.Join(" ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<RuleViolation> Violations { get; } = violations;

    public bool IsPrecondition => Violations.All(v => v.Kind == ViolationKind.Precondition);

    public static RuleViolationException Invalid(string field, string description) =>
        new([new RuleViolation(ViolationKind.Invalid, field, description)]);

    public static RuleViolationException Precondition(string field, string description) =>
        new([new RuleViolation(ViolationKind.Precondition, field, description)]);
}

/// <summary>ABORTED: the expected version is stale.</summary>
internal sealed class VersionConflictException(string id, long expected, long? current)
    : RegistryException($"party '{id}' is at version {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, not {expected}: read it again and retry.")
{
    public string PartyId { get; } = id;

    public long? CurrentVersion { get; } = current;
}
