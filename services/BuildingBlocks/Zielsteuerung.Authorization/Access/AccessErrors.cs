using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// The refusals of access control as gRPC statuses with a google.rpc.ErrorInfo (domain <see cref="Domain"/>; the
/// reason says what to fix): UNAUTHENTICATED for a missing or unusable token, PERMISSION_DENIED for a missing scope or
/// the wrong party, UNAVAILABLE when the identity service's keys cannot be fetched.
/// </summary>
public static class AccessErrors
{
    public const string Domain = "identity.zielsteuerung";

    internal static RpcException MissingScope(ServerCallContext context, Caller caller, MethodAccess rule) =>
        Refuse(StatusCode.PermissionDenied, "MISSING_SCOPE",
            $"{rule.Path} needs the scope '{rule.Scope}'; client '{caller.ClientId}' has {Listed(caller.Scopes)}. Ask for a client with '{rule.Scope}' (or request that scope).",
            new() { ["method"] = rule.Path, ["required_scope"] = rule.Scope, ["client_id"] = caller.ClientId });

    internal static RpcException WrongParty(ServerCallContext context, AuthorizationFailure? failure, IReadOnlyCollection<string> parties)
    {
        var reason = failure?.FailureReasons.FirstOrDefault()?.Message ?? "the caller does not act for a party of this resource.";
        var caller = Caller.From(context.GetHttpContext().User);
        return Refuse(StatusCode.PermissionDenied, "WRONG_PARTY", $"{context.Method}: {reason}",
            new() { ["method"] = context.Method, ["caller_party"] = caller?.PartyId ?? "", ["required_parties"] = string.Join(",", parties) });
    }

    internal static RpcException NoRule(ServerCallContext context) =>
        Refuse(StatusCode.PermissionDenied, "NO_ACCESS_RULE",
            $"{context.Method} has no access rule, so nobody may call it (deny by default).", new() { ["method"] = context.Method });

    /// <summary>UNAUTHENTICATED (or UNAVAILABLE) for why the request's token was not accepted.</summary>
    internal static RpcException Unauthenticated(ServerCallContext context, Exception? failure, string audience)
    {
        var method = new Dictionary<string, string> { ["method"] = context.Method };
        switch (Innermost(failure))
        {
            case null:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_MISSING",
                    $"{context.Method} needs an access token: send the metadata 'authorization: Bearer <token>' with a token from the identity service's token endpoint (grant_type=client_credentials).",
                    method);
            case SecurityTokenExpiredException expired:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_EXPIRED",
                    $"the access token expired at {expired.Expires:yyyy-MM-dd HH:mm:ss} UTC: get a new one from the token endpoint.", method);
            case SecurityTokenInvalidAudienceException:
                return Refuse(StatusCode.Unauthenticated, "WRONG_AUDIENCE",
                    $"the access token is for {AudiencesOf(context)}, not for '{audience}': request a scope of {audience} (e.g. {Scopes.All.FirstOrDefault(s => s.Audience == audience)?.Name ?? "its scopes"}).",
                    new(method) { ["audience"] = audience });
            case SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_SIGNATURE",
                    "the access token's signature does not verify with the identity service's keys: use a token issued by it.", method);
            case SecurityTokenInvalidIssuerException:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_ISSUER", "the access token was issued by another identity service than this one trusts.", method);
            case SecurityTokenInvalidTypeException:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_TYPE", "the token is not an access token (typ at+jwt): send the access_token of the token response.", method);
            case SecurityTokenMalformedException or ArgumentException:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_MALFORMED", "the bearer token is not a JWT: send the access_token of the token response as it is.", method);
            case InvalidOperationException unreachable when unreachable.Message.Contains("IDX20803", StringComparison.Ordinal):
                return Refuse(StatusCode.Unavailable, "IDENTITY_UNAVAILABLE",
                    "the identity service could not be reached to fetch its signing keys; retry shortly.", method);
            case NoAuthenticationConfiguredException:
                return Refuse(StatusCode.Unauthenticated, "NO_IDENTITY_SERVICE",
                    "this service trusts no identity service (Identity:Authority is not set), so it accepts no token.", method);
            case var other:
                return Refuse(StatusCode.Unauthenticated, "TOKEN_INVALID", $"the access token was not accepted: {other.Message}", method);
        }
    }

    // The exception no longer carries the audience it refused: read it from the token (its signature was checked).
    private static string AudiencesOf(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization") ?? "";
        var handler = new JsonWebTokenHandler();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Audiences.ToList() is { Count: > 0 } audiences
            ? string.Join(", ", audiences.Select(a => $"'{a}'"))
            : "another audience";
    }

    private static Exception? Innermost(Exception? failure) =>
        failure is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : failure;

    private static string Listed(IReadOnlySet<string> scopes) =>
        scopes.Count == 0 ? "no scope" : string.Join(", ", scopes.Order(StringComparer.Ordinal).Select(s => $"'{s}'"));

    private static RpcException Refuse(StatusCode code, string reason, string message, Dictionary<string, string> metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        info.Metadata.Add(metadata);
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } }.ToRpcException();
    }
}

/// <summary>The failure of a service that has no identity service configured.</summary>
internal sealed class NoAuthenticationConfiguredException : Exception
{
    public NoAuthenticationConfiguredException()
        : base("no identity service configured")
    {
    }
}
