using Grpc.Core;
using Zielsteuerung.ServiceDefaults;

namespace Identity.API.Grpc;

/// <summary>The identity service's refusals as gRPC statuses with google.rpc details (as the party registry's).</summary>
internal static class IdentityErrors
{
    public const string ClientResourceType = "zielsteuerung.identity.v1.Client";
    public const string KeyResourceType = "zielsteuerung.identity.v1.SigningKey";

    public static RpcException Invalid(string field, string description) =>
        RpcErrors.InvalidArgument($"{field}: {description}", [(field, description)]).ToRpcException();

    public static RpcException NotFound(string resourceType, string name, string message) => RpcErrors.NotFound(resourceType, name, message).ToRpcException();

    public static RpcException AlreadyExists(string name, string message) => RpcErrors.AlreadyExists(ClientResourceType, name, message).ToRpcException();

    public static RpcException Precondition(string type, string subject, string description) =>
        RpcErrors.FailedPrecondition($"{subject}: {description}", [(type, subject, description)]).ToRpcException();

    public static RpcException StaleEtag(string clientId, string current) => RpcErrors.WithReason(StatusCode.Aborted,
        $"client '{clientId}' was changed since it was read (etag now '{current}'): read it again and retry.",
        "STALE_ETAG", "identity.zielsteuerung", new Dictionary<string, string> { ["client_id"] = clientId, ["current_etag"] = current }).ToRpcException();

    public static RpcException Unavailable(string message) => new(new global::Grpc.Core.Status(StatusCode.Unavailable, message));
}
