using System.Text.RegularExpressions;
using Identity.API.Grpc;
using Zielsteuerung.Authorization;

namespace Identity.API.Clients;

/// <summary>What a client is registered with.</summary>
internal sealed partial record ClientSpec(string ClientId, string DisplayName, string PartyId, IReadOnlyList<string> Scopes, TimeSpan? AccessTokenLifetime)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>Throws INVALID_ARGUMENT naming the first field that is wrong.</summary>
    public ClientSpec Validated()
    {
        if (!ClientIdPattern().IsMatch(ClientId))
        {
            throw IdentityErrors.Invalid("client_id", $"'{ClientId}' is not a client id: 2–64 lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (DisplayName.Length > 200)
        {
            throw IdentityErrors.Invalid("display_name", "at most 200 characters.");
        }

        if (PartyId.Length > 0 && !PartyIdPattern().IsMatch(PartyId))
        {
            throw IdentityErrors.Invalid("party_id", $"'{PartyId}' is not a party id of the registry (e.g. 'mags-nrw', 'jc-05554').");
        }

        if (Scopes.Count == 0)
        {
            throw IdentityErrors.Invalid("scopes", $"at least one of: {string.Join(", ", Zielsteuerung.Authorization.Scopes.All.Select(s => s.Name))}.");
        }

        if (Scopes.FirstOrDefault(s => Zielsteuerung.Authorization.Scopes.Find(s) is null) is { } unknown)
        {
            throw IdentityErrors.Invalid("scopes", $"'{unknown}' is not a scope; the scopes are {string.Join(", ", Zielsteuerung.Authorization.Scopes.All.Select(s => s.Name))}.");
        }

        if (AccessTokenLifetime is { } lifetime && (lifetime < TimeSpan.FromSeconds(1) || lifetime > MaxLifetime))
        {
            throw IdentityErrors.Invalid("access_token_lifetime_seconds", "between 1 and 86400 seconds, or 0 for the default.");
        }

        return this with { Scopes = [.. Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex PartyIdPattern();
}

/// <summary>A registered client as the admin API shows it.</summary>
internal sealed record ClientView(ClientSpec Spec, string Etag);
