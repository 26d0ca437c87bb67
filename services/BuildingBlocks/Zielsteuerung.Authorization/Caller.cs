using System.Runtime.CompilerServices;
using System.Security.Claims;
using Grpc.Core;

namespace Zielsteuerung.Authorization;

/// <summary>
/// Who is calling: the client of the access token, the party it acts for and its scopes. Handlers get it from one
/// place, <see cref="CallerExtensions.GetCaller(ServerCallContext)"/>; every recorded change stores <see cref="RecordedBy"/>.
/// </summary>
public sealed class Caller
{
    private static readonly ConditionalWeakTable<ClaimsIdentity, Caller> Parsed = new();

    private Caller(string clientId, string partyId, IReadOnlySet<string> scopes)
    {
        ClientId = clientId;
        PartyId = partyId;
        Scopes = scopes;
    }

    public string ClientId { get; }

    /// <summary>The party of the registry the client acts for; empty when its registration names none.</summary>
    public string PartyId { get; }

    public IReadOnlySet<string> Scopes { get; }

    /// <summary>How a change records its author: <c>client (party)</c>, e.g. <c>mags-nrw-fachverfahren (mags-nrw)</c>.</summary>
    public string RecordedBy => PartyId.Length > 0 ? $"{ClientId} ({PartyId})" : ClientId;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>
    /// The caller of an authenticated <paramref name="user"/>, or null. Parsed once per token: the validated identity is
    /// shared by all calls with the same token (<see cref="CachingJsonWebTokenHandler"/>).
    /// </summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return null;
        }

        return Parsed.GetValue(identity, static identity => new Caller(
            identity.FindFirst(CallerClaims.ClientId)?.Value ?? identity.FindFirst("sub")?.Value ?? "",
            identity.FindFirst(CallerClaims.Party)?.Value ?? "",
            identity.FindAll(CallerClaims.Scope)
                .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToHashSet(StringComparer.Ordinal)));
    }
}

/// <summary>The caller of a gRPC call.</summary>
public static class CallerExtensions
{
    /// <summary>
    /// The authenticated caller. Every method of a service with access rules runs only for an authenticated caller, so
    /// inside a handler this does not fail; outside one (a method without rules) it throws UNAUTHENTICATED.
    /// </summary>
    public static Caller GetCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Caller.From(context.GetHttpContext().User)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "this call has no authenticated caller"));
    }
}
