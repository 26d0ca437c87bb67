using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Identity.Tests;

/// <summary>POST /connect/token: client credentials only, scopes within the client's, claims the services read.</summary>
[Collection(IdentityCollection.Name)]
public sealed class TokenEndpointTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_token_names_the_client_its_party_the_granted_scopes_and_their_services_as_audience()
    {
        using var response = await RequestAsync("kt-05554", await fixture.Tokens.SecretAsync("kt-05554"), "parties.read agreements.sign");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 3590, 3600);
        var header = Decode(body.GetProperty("access_token").GetString()!, 0);
        var claims = Decode(body.GetProperty("access_token").GetString()!, 1);
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("kt-05554", claims.GetProperty("client_id").GetString());
        Assert.Equal("kt-05554", claims.GetProperty("party").GetString());
        Assert.Equal("parties.read agreements.sign", claims.GetProperty("scope").GetString());
        Assert.Equal(["agreements", "party-registry"], claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(fixture.Tokens.TokenEndpoint.GetLeftPart(UriPartial.Authority) + "/", claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task A_token_is_short_ES256_with_a_key_id_only_and_exactly_the_claims_of_RFC_9068_and_the_party()
    {
        var token = await fixture.Tokens.GetAsync("mags-nrw", "parties.read");
        var header = Decode(token, 0);
        Assert.Equal(["alg", "kid", "typ"], Names(header));
        Assert.Equal(("ES256", 11), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString()!.Length));
        // Nothing of OpenIddict's own (oi_prst), no display name: every call carries the token.
        Assert.Equal(["aud", "client_id", "exp", "iat", "iss", "jti", "party", "scope", "sub"], Names(Decode(token, 1)));
        Assert.Equal(86, token.Split('.')[2].Length);
        Assert.InRange(token.Length, 300, 520);
    }

    [Fact]
    public async Task The_jwks_publishes_the_signing_key_as_a_P256_key_with_its_key_id()
    {
        var kid = Decode(await fixture.Tokens.GetAsync("mags-nrw", "parties.read"), 0).GetProperty("kid").GetString();
        using var http = fixture.Topology.App.CreateHttpClient("identity", "http");
        var jwks = await http.GetFromJsonAsync<JsonElement>(".well-known/jwks");
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal(("EC", "P-256", "ES256", "sig"),
            (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()));
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Without_scopes_a_client_gets_all_of_its_own()
    {
        using var response = await RequestAsync("jc-05554", await fixture.Tokens.SecretAsync("jc-05554"), null);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.Equal("agreements.read kpi.read monitoring.read parties.read",
            string.Join(' ', Decode(token, 1).GetProperty("scope").GetString()!.Split(' ').Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_secret_a_scope_the_client_lacks_and_another_grant_are_refused_as_oauth_says()
    {
        using (var wrongSecret = await RequestAsync("jc-05554", "falsch", "parties.read"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
            Assert.Equal("invalid_client", await ErrorAsync(wrongSecret));
        }

        using (var notPermitted = await RequestAsync("jc-05554", await fixture.Tokens.SecretAsync("jc-05554"), "parties.write"))
        {
            // OpenIddict answers a scope outside the client's permissions with invalid_request (ID2051), naming the scope.
            Assert.Equal(HttpStatusCode.BadRequest, notPermitted.StatusCode);
            var body = await notPermitted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_request", body.GetProperty("error").GetString());
            Assert.Contains("scope", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        }

        using var http = fixture.Topology.App.CreateHttpClient("identity", "http");
        using var password = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "x", ["password"] = "y" });
        using var refused = await http.PostAsync("connect/token", password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("unsupported_grant_type", await ErrorAsync(refused));
    }

    private async Task<HttpResponseMessage> RequestAsync(string clientId, string secret, string? scope)
    {
        using var http = fixture.Topology.App.CreateHttpClient("identity", "http");
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var content = new FormUrlEncodedContent(form);
        return await http.PostAsync("connect/token", content);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();

    private static string[] Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static JsonElement Decode(string token, int part)
    {
        var segment = token.Split('.')[part];
        var json = Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - segment.Length % 4) % 4));
        return JsonDocument.Parse(Encoding.UTF8.GetString(json)).RootElement.Clone();
    }
}
