using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Identity.API.Grpc;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.API.Clients;

/// <summary>
/// The registered clients, kept by OpenIddict's application manager (secrets hashed by it): each a confidential client
/// allowed the client-credentials grant at the token endpoint, with its scopes as permissions, its party as a property
/// and, optionally, its own access-token lifetime.
/// </summary>
internal sealed class ClientCatalog(OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication> applications, PartyDirectory parties)
{
    public const string PartyProperty = "party";

    /// <summary>Registers a client whose party the registry knows; returns it with its new secret.</summary>
    public async Task<(ClientView Client, string Secret)> RegisterAsync(ClientSpec spec, CancellationToken cancellationToken)
    {
        spec = spec.Validated();
        if (await applications.FindByClientIdAsync(spec.ClientId, cancellationToken) is not null)
        {
            throw IdentityErrors.AlreadyExists(spec.ClientId, $"a client '{spec.ClientId}' is registered already.");
        }

        await EnsurePartyAsync(spec, cancellationToken);
        var secret = NewSecret();
        var application = await applications.CreateAsync(Describe(spec, secret), cancellationToken);
        return (await ViewAsync(application, cancellationToken), secret);
    }

    public async Task<ClientView> GetAsync(string clientId, CancellationToken cancellationToken) =>
        await ViewAsync(await FindAsync(clientId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<ClientView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            views.Add(await ViewAsync(application, cancellationToken));
        }

        return [.. views.OrderBy(v => v.Spec.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>Replaces what the client is registered with, if <paramref name="etag"/> is current (ABORTED otherwise).</summary>
    public async Task<ClientView> UpdateAsync(ClientSpec spec, string etag, CancellationToken cancellationToken)
    {
        spec = spec.Validated();
        var application = await FindAsync(spec.ClientId, cancellationToken);
        if (application.ConcurrencyToken != etag)
        {
            throw IdentityErrors.StaleEtag(spec.ClientId, application.ConcurrencyToken ?? "");
        }

        await EnsurePartyAsync(spec, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        Apply(descriptor, spec);
        await UpdateGuardedAsync(application, descriptor, cancellationToken);
        return await ViewAsync(application, cancellationToken);
    }

    public async Task<(ClientView Client, string Secret)> ResetSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await FindAsync(clientId, cancellationToken);
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await UpdateGuardedAsync(application, descriptor, cancellationToken);
        return (await ViewAsync(application, cancellationToken), secret);
    }

    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.DeleteAsync(await FindAsync(clientId, cancellationToken), cancellationToken);

    /// <summary>
    /// Makes a client exactly as <paramref name="spec"/> says with <paramref name="secret"/> (the development seed):
    /// created if missing, updated if it differs. The party is not checked: the registry may not be up yet.
    /// </summary>
    public async Task<bool> EnsureAsync(ClientSpec spec, string secret, CancellationToken cancellationToken)
    {
        spec = spec.Validated();
        var application = await applications.FindByClientIdAsync(spec.ClientId, cancellationToken);
        if (application is null)
        {
            await applications.CreateAsync(Describe(spec, secret), cancellationToken);
            return true;
        }

        var current = await ViewAsync(application, cancellationToken);
        var sameSpec = current.Spec with { Scopes = [] } == spec with { Scopes = [] } && current.Spec.Scopes.SequenceEqual(spec.Scopes);
        if (sameSpec && await applications.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return false;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        Apply(descriptor, spec);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return true;
    }

    /// <summary>The party a client acts for ("" for none).</summary>
    public async Task<string> PartyOfAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(PartyProperty, out var party) && party.ValueKind == JsonValueKind.String ? party.GetString() ?? "" : "";
    }

    private async Task<OpenIddictEntityFrameworkCoreApplication> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw IdentityErrors.NotFound(IdentityErrors.ClientResourceType, clientId, $"no client '{clientId}' is registered.");

    private async Task EnsurePartyAsync(ClientSpec spec, CancellationToken cancellationToken)
    {
        if (spec.PartyId.Length > 0)
        {
            await parties.EnsureExistsAsync(spec.PartyId, cancellationToken);
        }
    }

    private async Task UpdateGuardedAsync(OpenIddictEntityFrameworkCoreApplication application, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        try
        {
            await applications.UpdateAsync(application, descriptor, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            var clientId = descriptor.ClientId ?? "";
            var current = await applications.FindByClientIdAsync(clientId, cancellationToken);
            throw IdentityErrors.StaleEtag(clientId, current?.ConcurrencyToken ?? "");
        }
    }

    private async Task<ClientView> ViewAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        var settings = await applications.GetSettingsAsync(application, cancellationToken);
        TimeSpan? lifetime = settings.TryGetValue(Settings.TokenLifetimes.AccessToken, out var value)
            && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var scopes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal).ToList();
        var spec = new ClientSpec(application.ClientId ?? "", application.DisplayName ?? "", await PartyOfAsync(application, cancellationToken), scopes, lifetime);
        return new ClientView(spec, application.ConcurrencyToken ?? "");
    }

    private static OpenIddictApplicationDescriptor Describe(ClientSpec spec, string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = spec.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
        };
        Apply(descriptor, spec);
        return descriptor;
    }

    private static void Apply(OpenIddictApplicationDescriptor descriptor, ClientSpec spec)
    {
        descriptor.DisplayName = spec.DisplayName.Length > 0 ? spec.DisplayName : spec.ClientId;
        descriptor.Permissions.Clear();
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in spec.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[PartyProperty] = JsonSerializer.SerializeToElement(spec.PartyId);
        descriptor.Settings.Remove(Settings.TokenLifetimes.AccessToken);
        if (spec.AccessTokenLifetime is { } lifetime)
        {
            descriptor.Settings[Settings.TokenLifetimes.AccessToken] = lifetime.ToString("c", CultureInfo.InvariantCulture);
        }
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
