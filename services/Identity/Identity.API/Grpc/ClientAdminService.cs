using System.Globalization;
using Grpc.Core;
using Identity.API.Clients;
using KeyInUseException = Identity.API.Keys.KeyInUseException;
using SigningKeyRing = Identity.API.Keys.SigningKeyRing;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Identity.V1;

namespace Identity.API.Grpc;

/// <summary>zielsteuerung.identity.v1.ClientAdmin: clients and signing keys, for callers with identity.admin.</summary>
internal sealed class ClientAdminService(ClientCatalog catalog, SigningKeyRing keys) : ClientAdmin.ClientAdminBase
{
    /// <summary>Every method needs identity.admin; administration acts for no particular party.</summary>
    public static ServiceAccess Access { get; } = ServiceAccess.For(ClientAdmin.Descriptor, rules => rules
        .Allow(Scopes.IdentityAdmin, [.. ClientAdmin.Descriptor.Methods.Select(m => m.Name)]));

    public override async Task<RegisteredClient> RegisterClient(RegisterClientRequest request, ServerCallContext context)
    {
        var spec = new ClientSpec(request.ClientId, request.DisplayName, request.PartyId, request.Scopes, Lifetime(request.AccessTokenLifetimeSeconds));
        var (client, secret) = await catalog.RegisterAsync(spec, context.CancellationToken);
        return new RegisteredClient { Client = ToMessage(client), ClientSecret = secret };
    }

    public override async Task<Client> GetClient(GetClientRequest request, ServerCallContext context) =>
        ToMessage(await catalog.GetAsync(request.ClientId, context.CancellationToken));

    public override async Task<ListClientsResponse> ListClients(ListClientsRequest request, ServerCallContext context) =>
        new() { Clients = { (await catalog.ListAsync(context.CancellationToken)).Select(ToMessage) } };

    public override async Task<Client> UpdateClient(UpdateClientRequest request, ServerCallContext context)
    {
        if (request.Etag.Length == 0)
        {
            throw IdentityErrors.Invalid("etag", "required: the etag of the client as read (GetClient), so that concurrent changes are not overwritten.");
        }

        var spec = new ClientSpec(request.ClientId, request.DisplayName, request.PartyId, request.Scopes, Lifetime(request.AccessTokenLifetimeSeconds));
        return ToMessage(await catalog.UpdateAsync(spec, request.Etag, context.CancellationToken));
    }

    public override async Task<RegisteredClient> ResetClientSecret(ResetClientSecretRequest request, ServerCallContext context)
    {
        var (client, secret) = await catalog.ResetSecretAsync(request.ClientId, context.CancellationToken);
        return new RegisteredClient { Client = ToMessage(client), ClientSecret = secret };
    }

    public override async Task<DeleteClientResponse> DeleteClient(DeleteClientRequest request, ServerCallContext context)
    {
        if (request.ClientId == context.GetCaller().ClientId)
        {
            throw IdentityErrors.Precondition("SELF_DELETE", "client_id", "a client cannot delete itself: it would lock its administration out.");
        }

        await catalog.DeleteAsync(request.ClientId, context.CancellationToken);
        return new DeleteClientResponse();
    }

    public override Task<ListSigningKeysResponse> ListSigningKeys(ListSigningKeysRequest request, ServerCallContext context)
    {
        var signing = keys.Current?.KeyId;
        return Task.FromResult(new ListSigningKeysResponse { Keys = { keys.Keys.Select(key => ToMessage(key, signing)) } });
    }

    public override async Task<SigningKey> RotateSigningKey(RotateSigningKeyRequest request, ServerCallContext context) =>
        ToMessage(await keys.RotateAsync(context.CancellationToken), keys.Current?.KeyId);

    public override async Task<SigningKey> RetireSigningKey(RetireSigningKeyRequest request, ServerCallContext context)
    {
        try
        {
            var retired = await keys.RetireAsync(request.KeyId, context.CancellationToken)
                ?? throw IdentityErrors.NotFound(IdentityErrors.KeyResourceType, request.KeyId, $"no published signing key '{request.KeyId}'.");
            return ToMessage(retired, signing: null);
        }
        catch (KeyInUseException inUse)
        {
            throw IdentityErrors.Precondition("KEY_IN_USE", "key_id", inUse.Message);
        }
    }

    private static TimeSpan? Lifetime(int seconds) => seconds == 0 ? null : TimeSpan.FromSeconds(seconds);

    private static Client ToMessage(ClientView view) => new()
    {
        ClientId = view.Spec.ClientId,
        DisplayName = view.Spec.DisplayName,
        PartyId = view.Spec.PartyId,
        Scopes = { view.Spec.Scopes },
        AccessTokenLifetime = view.Spec.AccessTokenLifetime is { } lifetime
            ? ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : "",
        Etag = view.Etag,
    };

    private static SigningKey ToMessage(Keys.SigningKey key, string? signing) => new()
    {
        KeyId = key.KeyId,
        Algorithm = key.Algorithm,
        ActivatesAt = key.ActivatesAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ExpiresAt = key.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Signing = key.KeyId == signing,
    };
}
