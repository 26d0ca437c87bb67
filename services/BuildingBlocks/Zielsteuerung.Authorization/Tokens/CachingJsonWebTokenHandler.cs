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

    private readonly ConcurrentDictionary<string, (Task<TokenValidationResult> Result, DateTimeOffset ValidTo, TokenValidationParameters Parameters)> _accepted =
        new(StringComparer.Ordinal);

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _accepted.TryGetValue(token, out var accepted))
        {
            // The same parameters: a configuration refresh (new keys, other audience) validates afresh.
            if (accepted.ValidTo > time.GetUtcNow() && ReferenceEquals(accepted.Parameters, validationParameters))
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
                _accepted[token] = (Task.FromResult(result), new DateTimeOffset(validTo, TimeSpan.Zero), validationParameters);
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
}
