using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Zielsteuerung.Grpc;

/// <summary>
/// The errors domain services raise, each with the standard detail a client can act on
/// (https://cloud.google.com/apis/design/errors#error_details): <c>throw RpcErrors.InvalidArgument("…", RpcErrors.Field("name", "…"))</c>.
/// </summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a <see cref="BadRequest"/> listing the offending request fields.</summary>
    public static RpcException InvalidArgument(string message, params BadRequest.Types.FieldViolation[] violations) =>
        Create(StatusCode.InvalidArgument, message, new BadRequest { FieldViolations = { violations } });

    /// <summary>
    /// FAILED_PRECONDITION (the request is valid, but the system is not in a state that allows it) with a
    /// <see cref="PreconditionFailure"/> listing the unmet conditions.
    /// </summary>
    public static RpcException FailedPrecondition(string message, params PreconditionFailure.Types.Violation[] violations) =>
        Create(StatusCode.FailedPrecondition, message, new PreconditionFailure { Violations = { violations } });

    /// <summary>NOT_FOUND with a <see cref="ResourceInfo"/> naming the missing resource.</summary>
    public static RpcException NotFound(string resourceType, string resourceName, string? message = null) =>
        Create(StatusCode.NotFound, message ?? $"{resourceType} '{resourceName}' was not found.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    /// <summary>ALREADY_EXISTS with a <see cref="ResourceInfo"/> naming the existing resource.</summary>
    public static RpcException AlreadyExists(string resourceType, string resourceName, string? message = null) =>
        Create(StatusCode.AlreadyExists, message ?? $"{resourceType} '{resourceName}' already exists.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    /// <summary>
    /// ABORTED (a concurrency conflict, e.g. a stale version: the client may retry at a higher level) with an
    /// <see cref="ErrorInfo"/> whose <paramref name="reason"/> is a stable UPPER_SNAKE_CASE identifier.
    /// </summary>
    public static RpcException Aborted(string message, string reason, string domain = "", IReadOnlyDictionary<string, string>? metadata = null) =>
        Create(StatusCode.Aborted, message, Info(reason, domain, metadata));

    /// <summary>Any status with any details, for the cases the helpers above do not cover.</summary>
    public static RpcException Create(StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    /// <summary>A violation of a request field; <paramref name="field"/> is a path such as <c>party.address.zip_code</c>.</summary>
    public static BadRequest.Types.FieldViolation Field(string field, string description) =>
        new() { Field = field, Description = description };

    /// <summary>An unmet precondition: <paramref name="type"/> e.g. <c>STATE</c>, <paramref name="subject"/> e.g. <c>agreements/42</c>.</summary>
    public static PreconditionFailure.Types.Violation Precondition(string type, string subject, string description) =>
        new() { Type = type, Subject = subject, Description = description };

    /// <summary>An <see cref="ErrorInfo"/>, e.g. to attach to <see cref="Create"/>.</summary>
    public static ErrorInfo Info(string reason, string domain = "", IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = domain };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            info.Metadata[key] = value;
        }

        return info;
    }
}
