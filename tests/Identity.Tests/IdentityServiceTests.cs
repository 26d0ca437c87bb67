using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Aspire.Hosting.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Zielsteuerung.Identity.V1;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace Identity.Tests;

/// <summary>
/// The identity service: its token endpoint, its admin API, the registry call it makes with its own token, and
/// signing keys that survive a restart and rotate.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class IdentityServiceTests(IdentityFixture fixture)
{
    [Fact]
    public async Task The_admin_api_needs_identity_admin()
    {
        var admin = fixture.Admin;
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => admin.ListClientsAsync(new ListClientsRequest()));
        var registryToken = await fixture.Tokens.GetAsync("mags-nrw", "parties.read");
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => admin.ListClientsAsync(new ListClientsRequest(), DevelopmentTokens.Bearer(registryToken)));
        Assert.Equal("WRONG_AUDIENCE", status.Detail<ErrorInfo>().Reason);

        var clients = await admin.ListClientsAsync(new ListClientsRequest(), await AdminCallAsync());
        Assert.Contains(clients.Clients, c => c.ClientId == "jc-05554" && c.PartyId == "jc-05554" && c.Scopes.Contains("parties.read"));
    }

    [Fact]
    public async Task A_new_client_needs_a_party_the_registry_knows_asked_with_the_identity_services_own_token()
    {
        var admin = fixture.Admin;
        var call = await AdminCallAsync();
        var unknown = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = Unique("nobody"), PartyId = "jc-99999", Scopes = { "parties.read" } }, call));
        Assert.Equal("party_id", unknown.Detail<PreconditionFailure>().Violations[0].Subject);

        var clientId = Unique("borken-fachverfahren");
        var registered = await admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = clientId, PartyId = "jc-05554", Scopes = { "parties.read" } }, call);
        Assert.Equal("jc-05554", registered.Client.PartyId);
        var token = await fixture.Tokens.GetWithSecretAsync(clientId, registered.ClientSecret);
        Assert.Equal("jc-05554", (await fixture.Registry(token).GetPartyAsync(new GetPartyRequest { Id = "jc-05554" })).Id);

        // The registry saw the identity service's check as a call of its own client.
        var spans = await fixture.RegistryTraces.WaitForAsync(
            all => all.Any(s => s.Service == "party-registry" && s.Attributes.GetValueOrDefault("enduser.id") == "identity-service"),
            TimeSpan.FromSeconds(20));
        Assert.Contains(spans, s => s.Attributes.GetValueOrDefault("enduser.id") == "identity-service" && s.Name.Contains("GetParty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_refuses_bad_input_and_duplicates_and_updates_detect_concurrent_edits()
    {
        var admin = fixture.Admin;
        var call = await AdminCallAsync();
        var bad = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = "Nicht Gültig", PartyId = "jc-05554", Scopes = { "parties.read" } }, call));
        Assert.Equal("client_id", bad.Detail<BadRequest>().FieldViolations[0].Field);
        var scope = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = Unique("x"), PartyId = "jc-05554", Scopes = { "parties.delete" } }, call));
        Assert.Equal("scopes", scope.Detail<BadRequest>().FieldViolations[0].Field);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = "mags-nrw", PartyId = "mags-nrw", Scopes = { "parties.read" } }, call));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => admin.GetClientAsync(new GetClientRequest { ClientId = "unbekannt" }, call));

        var clientId = Unique("kreis-unna-fachverfahren");
        var created = (await admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = clientId, PartyId = "kt-05978", Scopes = { "parties.read" } }, call)).Client;
        var update = new UpdateClientRequest { ClientId = clientId, Etag = created.Etag, PartyId = "kt-05978", Scopes = { "parties.read", "parties.write" } };
        var updated = await admin.UpdateClientAsync(update, call);
        Assert.Equal(["parties.read", "parties.write"], updated.Scopes);
        var stale = await RpcAssert.FailsAsync(StatusCode.Aborted, () => admin.UpdateClientAsync(update, call));
        Assert.Equal(updated.Etag, stale.Detail<ErrorInfo>().Metadata["current_etag"]);
    }

    [Fact]
    public async Task A_reset_secret_stops_the_old_one_at_once()
    {
        var admin = fixture.Admin;
        var call = await AdminCallAsync();
        var clientId = Unique("reset");
        var first = await admin.RegisterClientAsync(new RegisterClientRequest { ClientId = clientId, PartyId = "kt-05554", Scopes = { "parties.read" } }, call);
        var second = await admin.ResetClientSecretAsync(new ResetClientSecretRequest { ClientId = clientId }, call);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Tokens.GetWithSecretAsync(clientId, first.ClientSecret));
        Assert.NotEmpty(await fixture.Tokens.GetWithSecretAsync(clientId, second.ClientSecret));
    }

    [Fact]
    public async Task Signing_keys_survive_a_restart_and_a_rotated_key_is_published_before_it_signs()
    {
        var readerToken = await fixture.Tokens.GetAsync("jc-05554", "parties.read");
        var adminToken = await fixture.Tokens.GetAsync("platform-admin", "identity.admin");

        await fixture.Topology.StopResourceAsync("identity");
        await fixture.Topology.StartResourceAsync("identity");

        // Tokens issued before the restart: still accepted by the registry and by the identity service itself.
        Assert.Equal("jc-05554", (await fixture.Registry(readerToken).GetPartyAsync(new GetPartyRequest { Id = "jc-05554" })).Id);
        var admin = fixture.Admin;
        var call = DevelopmentTokens.Bearer(adminToken);
        var before = await admin.ListSigningKeysAsync(new ListSigningKeysRequest(), call);
        var signing = Assert.Single(before.Keys, k => k.Signing);
        Assert.Equal(signing.KeyId, KeyIdOf(await fixture.Tokens.GetAsync("jc-05554", "parties.read")));

        var rotated = await admin.RotateSigningKeyAsync(new RotateSigningKeyRequest(), call);
        Assert.False(rotated.Signing);
        Assert.True(DateTimeOffset.Parse(rotated.ActivatesAt, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        using var http = fixture.Topology.App.CreateHttpClient("identity", "http");
        var jwks = await http.GetFromJsonAsync<JsonElement>(".well-known/jwks");
        var published = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(rotated.KeyId, published);
        Assert.Contains(signing.KeyId, published);
        Assert.Equal(signing.KeyId, KeyIdOf(await fixture.Tokens.GetAsync("jc-05554", "parties.read")));

        var inUse = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => admin.RetireSigningKeyAsync(new RetireSigningKeyRequest { KeyId = signing.KeyId }, call));
        Assert.Equal("KEY_IN_USE", inUse.Detail<PreconditionFailure>().Violations[0].Type);
        await admin.RetireSigningKeyAsync(new RetireSigningKeyRequest { KeyId = rotated.KeyId }, call);
        Assert.DoesNotContain((await admin.ListSigningKeysAsync(new ListSigningKeysRequest(), call)).Keys, k => k.KeyId == rotated.KeyId);
    }

    [Fact]
    public async Task A_key_stored_as_RSA_before_is_published_its_tokens_still_validate_and_the_ECDSA_key_keeps_signing()
    {
        // A key as the service created them before ES256, still valid: it expires before the current ECDSA key.
        var now = DateTimeOffset.UtcNow;
        var rsa = Identity.API.Keys.SigningKey.Load(SigningKeyTests.LegacyRsaCertificate(now.AddDays(-1), now.AddDays(30)));
        var current = Decode(await fixture.Tokens.GetAsync("jc-05554", "parties.read"), 0).GetProperty("kid").GetString();
        await using (var db = new NpgsqlConnection(await fixture.Topology.App.GetConnectionStringAsync("identity-db")))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO signing_keys (key_id, certificate, activates_at, expires_at, created_at) VALUES ($1, $2, $3, $4, now())", db)
            {
                Parameters = { new() { Value = rsa.KeyId }, new() { Value = rsa.Certificate.Export(X509ContentType.Pkcs12) }, new() { Value = rsa.ActivatesAt }, new() { Value = rsa.ExpiresAt } },
            };
            await insert.ExecuteNonQueryAsync();
        }

        // Published once the service re-reads its keys (every 30 s), as an RSA key.
        using var http = fixture.Topology.App.CreateHttpClient("identity", "http");
        JsonElement? published = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(90); published is null && DateTime.UtcNow < deadline; await Task.Delay(1000))
        {
            var jwks = await http.GetFromJsonAsync<JsonElement>(".well-known/jwks");
            published = jwks.GetProperty("keys").EnumerateArray().Where(k => k.GetProperty("kid").GetString() == rsa.KeyId).Cast<JsonElement?>().FirstOrDefault();
        }

        Assert.NotNull(published);
        Assert.Equal(("RSA", "RS256"), (published.Value.GetProperty("kty").GetString(), published.Value.GetProperty("alg").GetString()));

        // A token that key signed before the change: the identity service's admin API and the registry accept it.
        var issued = Decode(await fixture.Tokens.GetAsync("platform-admin", "identity.admin"), 1);
        var admin = fixture.Admin;
        var keys = await admin.ListSigningKeysAsync(new ListSigningKeysRequest(), DevelopmentTokens.Bearer(SignedBy(rsa, issued, "identity", "platform-admin", "", "identity.admin")));
        Assert.Equal("RS256", Assert.Single(keys.Keys, k => k.KeyId == rsa.KeyId).Algorithm);
        Assert.False(keys.Keys.Single(k => k.KeyId == rsa.KeyId).Signing);
        Assert.Equal("ES256", Assert.Single(keys.Keys, k => k.Signing).Algorithm);
        var reader = SignedBy(rsa, issued, "party-registry", "jc-05554", "jc-05554", "parties.read");
        Party? party = null;
        for (var attempt = 0; party is null; attempt++)
        {
            try
            {
                party = await fixture.Registry(reader).GetPartyAsync(new GetPartyRequest { Id = "jc-05554" });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated && attempt < 10)
            {
                // The registry fetches the keys again on a key id it does not know; the first refused call asks for it.
                await Task.Delay(1000);
            }
        }

        Assert.Equal("jc-05554", party.Id);

        // OpenIddict prefers certificate keys to bare ECDSA keys: the ring keeps the ECDSA key signing regardless.
        var header = Decode(await fixture.Tokens.GetAsync("jc-05554", "parties.read"), 0);
        Assert.Equal(("ES256", current), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString()));
        await admin.RetireSigningKeyAsync(new RetireSigningKeyRequest { KeyId = rsa.KeyId }, await AdminCallAsync());
    }

    /// <summary>An access token as the service issued them with an RSA key: same issuer, the given audience, client, party, scope.</summary>
    private static string SignedBy(Identity.API.Keys.SigningKey key, JsonElement issued, string audience, string client, string party, string scope) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issued.GetProperty("iss").GetString(),
            Audience = audience,
            TokenType = "at+jwt",
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = client, ["client_id"] = client, ["party"] = party, ["scope"] = scope, ["jti"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = key.Credentials,
        });

    private static JsonElement Decode(string token, int part) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[part])).RootElement.Clone();

    private Task<Metadata> AdminCallAsync() => fixture.AdminCallAsync();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string KeyIdOf(string token)
    {
        var header = token.Split('.')[0];
        var json = Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/') + new string('=', (4 - header.Length % 4) % 4));
        return JsonDocument.Parse(json).RootElement.GetProperty("kid").GetString()!;
    }
}
