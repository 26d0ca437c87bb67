using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Zielsteuerung.Testing;

/// <summary>
/// Access tokens of the development clients (services/Identity/Identity.API/Clients/development-clients.json) from the
/// topology's identity service, as a caller gets them: client credentials at /connect/token, the secret being the
/// AppHost's generated parameter <c>&lt;client&gt;-client-secret</c>.
/// </summary>
public sealed class DevelopmentTokens(DistributedApplication app) : IDisposable
{
    private readonly HttpClient _http = app.CreateHttpClient("identity", "http");

    /// <summary>The token endpoint, http://localhost:PORT/connect/token.</summary>
    public Uri TokenEndpoint => new(_http.BaseAddress!, "connect/token");

    /// <summary>The secret of a development client.</summary>
    public async Task<string> SecretAsync(string clientId)
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .SingleOrDefault(p => p.Name == $"{clientId}-client-secret")
            ?? throw new InvalidOperationException($"no development client '{clientId}' (no parameter {clientId}-client-secret)");
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException($"{parameter.Name} has no value");
    }

    /// <summary>A token for <paramref name="clientId"/> with <paramref name="scopes"/> (none: all its scopes).</summary>
    public async Task<string> GetAsync(string clientId, params string[] scopes) => await GetWithSecretAsync(clientId, await SecretAsync(clientId), scopes);

    /// <summary>A token for any client with its secret.</summary>
    public async Task<string> GetWithSecretAsync(string clientId, string secret, params string[] scopes)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scopes.Length > 0)
        {
            form["scope"] = string.Join(' ', scopes);
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync("connect/token", content);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return response.IsSuccessStatusCode && body?.AccessToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"no token for {clientId}: {(int)response.StatusCode} {body?.Error} {body?.ErrorDescription}");
    }

    /// <summary>Call options whose metadata carry <paramref name="token"/> as a bearer token.</summary>
    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>A call invoker on <paramref name="channel"/> that sends <paramref name="token"/> as a bearer token with every call (for a generated client).</summary>
    public static CallInvoker Authorized(ChannelBase channel, string token) => channel.Intercept(metadata =>
    {
        metadata.Add("authorization", "Bearer " + token);
        return metadata;
    });

    public void Dispose() => _http.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
