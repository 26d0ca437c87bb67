using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using CallerClaims = Zielsteuerung.Authorization.CallerClaims;

namespace Identity.API.Tokens;

/// <summary>
/// An access token carries what RFC 9068 requires and the party, nothing more: <c>iss exp iat aud sub client_id jti
/// scope party</c>. OpenIddict's access-token principal also holds its presenters (<c>oi_prst</c>), which it would write
/// into the JWT; every call carries the token, so what no service reads is left out. Runs right after OpenIddict
/// prepared the principal; keeps the private claims its JWT writer turns into <c>iss exp iat aud scope</c>.
/// </summary>
internal sealed class AccessTokenClaims : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireAccessTokenGenerated>()
        .UseSingletonHandler<AccessTokenClaims>()
        .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>The claims an access token keeps (public, and OpenIddict's private ones its JWT writer maps).</summary>
    public static IReadOnlySet<string> Kept { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Claims.Subject, Claims.ClientId, CallerClaims.Party,
        Claims.Private.Issuer, Claims.Private.CreationDate, Claims.Private.ExpirationDate,
        Claims.Private.Audience, Claims.Private.Scope, Claims.Private.TokenType,
    };

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AccessTokenPrincipal is { } principal)
        {
            context.AccessTokenPrincipal = principal.Clone(claim => Kept.Contains(claim.Type));
        }

        return default;
    }
}
