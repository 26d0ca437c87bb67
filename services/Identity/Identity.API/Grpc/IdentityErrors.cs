using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Identity.API.Grpc;

/// <summary>The identity service's refusals as gRPC statuses with google.rpc details (as the party registry's).</summary>
internal static class IdentityErrors
{
    public const string ClientResourceType = "zielsteuerung.identity.v1.Client";
    public const string KeyResourceType = "zielsteuerung.identity.v1.SigningKey";

    public static RpcException Invalid(string field, string description) => Status(StatusCode.InvalidArgument, $"{field}: {description}",
        new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } });

    public static RpcException NotFound(string resourceType, string name, string message) => Status(StatusCode.NotFound, message,
        new ResourceInfo { ResourceType = resourceType, ResourceName = name, Description = message });

    public static RpcException AlreadyExists(string name, string message) => Status(StatusCode.AlreadyExists, message,
        new ResourceInfo { ResourceType = ClientResourceType, ResourceName = name, Description = message });

    public static RpcException Precondition(string type, string subject, string description) => Status(StatusCode.FailedPrecondition, $"{subject}: {description}",
        new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description } } });

    public static RpcException StaleEtag(string clientId, string current) => Status(StatusCode.Aborted,
        $"client '{clientId}' was changed since it was read (etag now '{current}'): read it again and retry.",
        new ErrorInfo { Reason = "STALE_ETAG", Domain = "identity.zielsteuerung", Metadata = { ["client_id"] = clientId, ["current_etag"] = current } });

    public static RpcException Unavailable(string message) => new(new global::Grpc.Core.Status(StatusCode.Unavailable, message));

    private static RpcException Status(StatusCode code, string message, Google.Protobuf.IMessage detail) =>
        new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } }.ToRpcException();
}
