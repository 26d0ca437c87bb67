namespace Zielsteuerung.Authorization;

/// <summary>
/// The <c>Identity</c> configuration section of a service: which identity service it trusts, the audience it accepts,
/// and its own client credentials for calls to other services.
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The identity service (issuer) whose tokens are accepted; its discovery document and keys are read from there.
    /// Defaults to <c>services:identity:http:0</c>, which the AppHost's <c>WithReference(identity)</c> sets.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The audience this service accepts (its resource name, e.g. <c>party-registry</c>); defaults to the service name.</summary>
    public string? Audience { get; set; }

    /// <summary>Tolerance for clocks that differ between the identity service and this one.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This service's own client, for tokens to call other services with.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes to request; empty = every scope the client is registered with.</summary>
    public string? Scopes { get; set; }

    /// <summary>The token endpoint; defaults to <c>{Authority}/connect/token</c>.</summary>
    public Uri? TokenEndpoint { get; set; }

    internal Uri? TokenEndpointUri() =>
        TokenEndpoint ?? (Authority is null ? null : new Uri(Authority, "connect/token"));
}
