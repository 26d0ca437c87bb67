using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Zielsteuerung.Authorization;

/// <summary>
/// JwtBearer's token handler with a memory of the tokens it accepted, until each expires: a client sends the same
/// token with every call for an hour, and checking its RSA signature again each time would cost more than the call.
/// Refused tokens are not remembered. The memory holds at most <see cref="Capacity"/> tokens.
/// </summary>
public sealed class CachingJsonWebTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (Task<TokenValidationResult> Result, DateTimeOffset ValidTo, Expectations Expected)> _accepted =
        new(StringComparer.Ordinal);

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _accepted.TryGetValue(token, out var accepted))
        {
            // JwtBearer clones its parameters for every request: what must match is what they expect of a token.
            if (accepted.ValidTo > time.GetUtcNow() && accepted.Expected == Expectations.Of(validationParameters))
            {
                return accepted.Result;
            }

            _accepted.TryRemove(token, out _);
        }

        return ValidateAndRememberAsync(token!, validationParameters);
    }

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            if (_accepted.Count >= Capacity)
            {
                Forget();
            }

            if (_accepted.Count < Capacity)
            {
                _accepted[token] = (Task.FromResult(result), new DateTimeOffset(validTo, TimeSpan.Zero), Expectations.Of(validationParameters));
            }
        }

        return result;
    }

    private void Forget()
    {
        var now = time.GetUtcNow();
        foreach (var (token, entry) in _accepted)
        {
            if (entry.ValidTo <= now)
            {
                _accepted.TryRemove(token, out _);
            }
        }
    }

    /// <summary>What validation parameters expect of a token; equal for JwtBearer's per-request clones.</summary>
    private sealed record Expectations(string? Audience, string Audiences, string? Issuer, string Issuers, object? Keys, object? Configuration)
    {
        public static Expectations Of(TokenValidationParameters parameters) => new(
            parameters.ValidAudience, string.Join(' ', parameters.ValidAudiences ?? []),
            parameters.ValidIssuer, string.Join(' ', parameters.ValidIssuers ?? []),
            (object?)parameters.IssuerSigningKey ?? parameters.IssuerSigningKeys, parameters.ConfigurationManager);
    }
}
