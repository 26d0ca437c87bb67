using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Kpi.Importer.Upload;

/// <summary>A bearer token from the identity service by the client-credentials grant.</summary>
public static class AccessToken
{
    public const string DeliverScope = "kpi.deliver";

    public static Task<string> ObtainAsync(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret,
        CancellationToken cancellationToken = default) =>
        ObtainAsync(http, tokenEndpoint, clientId, clientSecret, DeliverScope, cancellationToken);

    /// <summary>A token with <paramref name="scope"/> (space-separated; empty: all the client's scopes).</summary>
    public static async Task<string> ObtainAsync(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, string scope,
        CancellationToken cancellationToken = default)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        if (scope.Length > 0) fields["scope"] = scope;
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(tokenEndpoint, form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new AccessTokenException($"the token endpoint {tokenEndpoint} refused client '{clientId}': {(int)response.StatusCode} {body}");
        var token = System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body);
        return token?.AccessToken is { Length: > 0 } accessToken
            ? accessToken
            : throw new AccessTokenException($"the token endpoint {tokenEndpoint} answered without an access_token: {body}");
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
}

public sealed class AccessTokenException(string message) : Exception(message);
