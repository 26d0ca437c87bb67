using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Zielsteuerung.Authorization;

/// <summary>
/// JwtBearer's events with a memory of the tokens JwtBearer accepted: a client sends the same token with every call for
/// an hour, and JwtBearer's per-request work before its token handler (a clone of the validation parameters, the
/// configuration, the result objects) costs more than the call's own access check. The first call with a token is
/// validated by JwtBearer as always; afterwards <see cref="MessageReceived"/> answers with the remembered identity, as
/// long as the token has not expired, the validation parameters are the ones it was accepted under (a change of
/// options builds new events) and the identity service's configuration is the one that held its signing key and
/// issuer (a refreshed configuration — keys rotated or retired, another issuer — validates afresh). Parameters with a
/// key resolver (keys that change without a new configuration) are never remembered. At most <see cref="Capacity"/>
/// tokens; refused tokens are not remembered.
/// </summary>
internal sealed class ValidatedTokens : JwtBearerEvents
{
    public const int Capacity = 10_000;
    private const string Bearer = "Bearer ";

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Accepted> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Accepted>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public ValidatedTokens(TimeProvider time)
    {
        _time = time;
        _byText = _accepted.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override Task MessageReceived(MessageReceivedContext context)
    {
        if (_accepted.IsEmpty || Remembered(context) is not { } accepted)
        {
            return Task.CompletedTask;
        }

        if (context.Options.ConfigurationManager is not { } manager)
        {
            Succeed(context, accepted);
            return Task.CompletedTask;
        }

        var configuration = manager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        if (!configuration.IsCompletedSuccessfully)
        {
            return AfterConfigurationAsync(context, accepted, configuration);
        }

        SucceedIfCurrent(context, accepted, configuration.Result);
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var parameters = context.Options.TokenValidationParameters;
        if (context.SecurityToken is not JsonWebToken { ValidTo: var validTo, EncodedToken: { } text } token
            || validTo == DateTime.MinValue || context.Principal?.Identity is not ClaimsIdentity identity
            || parameters.IssuerSigningKeyResolver is not null || parameters.IssuerSigningKeyResolverUsingConfiguration is not null)
        {
            return;
        }

        OpenIdConnectConfiguration? configuration = null;
        if (context.Options.ConfigurationManager is { } manager)
        {
            // Remembered with the configuration that holds the key that signed it and names its issuer.
            configuration = await manager.GetConfigurationAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
            if (token.SigningKey is null || !configuration.SigningKeys.Contains(token.SigningKey)
                || (parameters.ValidateIssuer && !string.Equals(configuration.Issuer, token.Issuer, StringComparison.Ordinal)))
            {
                return;
            }
        }

        if (_accepted.Count >= Capacity)
        {
            Forget();
        }

        if (_accepted.Count < Capacity)
        {
            _accepted[text] = new Accepted(identity, new DateTimeOffset(validTo, TimeSpan.Zero), parameters, configuration);
        }
    }

    /// <summary>The remembered token of this request's bearer header, if it has not expired.</summary>
    private Accepted? Remembered(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var text = value.AsSpan(Bearer.Length).Trim();
        if (!_byText.TryGetValue(text, out var accepted))
        {
            return null;
        }

        if (accepted.ValidTo <= _time.GetUtcNow() || !ReferenceEquals(accepted.Parameters, context.Options.TokenValidationParameters))
        {
            _byText.TryRemove(text, out _);
            return null;
        }

        return accepted;
    }

    private static async Task AfterConfigurationAsync(MessageReceivedContext context, Accepted accepted, Task<OpenIdConnectConfiguration> configuration) =>
        SucceedIfCurrent(context, accepted, await configuration.ConfigureAwait(false));

    /// <summary>Another configuration than the token was accepted with: JwtBearer validates it against this one (and
    /// <see cref="TokenValidated"/> remembers it anew, replacing the entry).</summary>
    private static void SucceedIfCurrent(MessageReceivedContext context, Accepted accepted, OpenIdConnectConfiguration configuration)
    {
        if (ReferenceEquals(configuration, accepted.Configuration))
        {
            Succeed(context, accepted);
        }
    }

    private static void Succeed(MessageReceivedContext context, Accepted accepted)
    {
        context.Principal = new ClaimsPrincipal(accepted.Identity);
        context.Success();
    }

    private void Forget()
    {
        var now = _time.GetUtcNow();
        foreach (var (text, entry) in _accepted)
        {
            if (entry.ValidTo <= now)
            {
                _accepted.TryRemove(text, out _);
            }
        }
    }

    private sealed record Accepted(ClaimsIdentity Identity, DateTimeOffset ValidTo, object Parameters, OpenIdConnectConfiguration? Configuration);
}
