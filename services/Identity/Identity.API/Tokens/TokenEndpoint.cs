using System.Security.Claims;
using Identity.API.Clients;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server.AspNetCore;
using Zielsteuerung.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Scopes = Zielsteuerung.Authorization.Scopes;

namespace Identity.API.Tokens;

/// <summary>
/// POST /connect/token after OpenIddict has authenticated the client and checked the grant and the scopes against the
/// client's permissions: the access token names the client (sub, client_id), the party it acts for (party), the
/// scopes granted — those requested, or all the client holds if none were — and as audiences the services of those scopes.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, IssueAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication> applications, ClientCatalog catalog)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenIddict token request");
        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "only grant_type=client_credentials is supported.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, "the client is not registered.");
        }

        var permitted = (await applications.GetPermissionsAsync(application, context.RequestAborted))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToList();
        var scopes = request.GetScopes() is { IsEmpty: false } requested ? [.. requested] : permitted;

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId)
            .SetClaim(CallerClaims.Party, await catalog.PartyOfAsync(application, context.RequestAborted));
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Select(scope => Scopes.Find(scope)?.Audience).OfType<string>().Distinct(StringComparer.Ordinal));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
