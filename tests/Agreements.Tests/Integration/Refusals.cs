using Google.Rpc;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>Assertions on the agreements service's google.rpc details.</summary>
internal static class Refusals
{
    /// <summary>The status names the broken rule and what it is about (PreconditionFailure type and subject).</summary>
    public static void Precondition(Status status, string rule, string subject)
    {
        var violations = status.Detail<PreconditionFailure>().Violations;
        Assert.True(violations.Any(v => v.Type == rule && v.Subject == subject),
            $"expected rule {rule} on {subject}; got {string.Join("; ", violations.Select(v => $"{v.Type} on {v.Subject}"))} ({status.Message})");
    }

    /// <summary>PERMISSION_DENIED with the reason of the agreements service (or of access control).</summary>
    public static void Denied(Status status, string reason) => Assert.Equal(reason, status.Detail<ErrorInfo>().Reason);

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static void InvalidField(Status status, string field)
    {
        var violations = status.Detail<BadRequest>().FieldViolations;
        Assert.True(violations.Any(v => v.Field == field), $"expected a violation of {field}; got {string.Join(", ", violations.Select(v => v.Field))} ({status.Message})");
    }
}
