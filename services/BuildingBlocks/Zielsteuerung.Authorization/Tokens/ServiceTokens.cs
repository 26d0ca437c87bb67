using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zielsteuerung.Authorization;

/// <summary>
/// This service's own access token for calls to other services: requested from the identity service's token endpoint
/// with the client-credentials grant (<c>Identity:ClientId</c>, <c>Identity:ClientSecret</c>), kept and renewed before it
/// expires (at four fifths of its lifetime), one request at a time.
/// </summary>
/// <remarks>A singleton: the token is shared by all of the service's clients and calls.</remarks>
public sealed partial class ServiceTokens(IHttpClientFactory httpClients, IOptions<IdentityOptions> options, TimeProvider time, ILogger<ServiceTokens> logger) : IDisposable
{
    /// <summary>The name of the HttpClient that talks to the token endpoint.</summary>
    public const string HttpClientName = "Zielsteuerung.ServiceTokens";

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile Issued? _current;

    /// <summary>Whether this service has client credentials of its own.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.ClientId);

    /// <summary>A valid token; UNAUTHENTICATED when this service has no credentials or the identity service refuses them, UNAVAILABLE when it cannot be reached.</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null && time.GetUtcNow() < current.RenewAt ? ValueTask.FromResult(current.AccessToken) : RenewAsync(cancellationToken);
    }

    private async ValueTask<string> RenewAsync(CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is not null && time.GetUtcNow() < current.RenewAt)
            {
                return current.AccessToken;
            }

            var issued = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _current = issued;
            return issued.AccessToken;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<Issued> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ClientId))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "this service has no client credentials (Identity:ClientId, Identity:ClientSecret) to call other services with"));
        }

        var endpoint = settings.TokenEndpointUri()
            ?? throw new RpcException(new Status(StatusCode.Unavailable, "no identity service configured (Identity:Authority) to get a token from"));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret ?? "",
        };
        if (settings.Scopes is { Length: > 0 } scopes)
        {
            form["scope"] = scopes;
        }

        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            var http = httpClients.CreateClient(HttpClientName);
            response = await http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the identity service at {endpoint} could not be reached for a token: {unreachable.Message}"));
        }

        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync(TokenResponseContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || body?.AccessToken is not { Length: > 0 } token)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated,
                    $"the identity service refused a token for client '{settings.ClientId}': {body?.Error} {body?.ErrorDescription}".TrimEnd()));
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 1));
            LogIssued(settings.ClientId, lifetime);
            return new Issued(token, time.GetUtcNow() + lifetime * 0.8);
        }
    }

    public void Dispose() => _renewal.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got an access token for client {ClientId}, valid for {Lifetime}.")]
    private partial void LogIssued(string clientId, TimeSpan lifetime);

    private sealed record Issued(string AccessToken, DateTimeOffset RenewAt);
}

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenResponseContext : JsonSerializerContext;
