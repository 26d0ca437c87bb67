using System.Security.Cryptography;
using Authorization.Tests.Probe;
using Google.Rpc;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace Authorization.Tests;

/// <summary>
/// A token JwtBearer accepted is answered from memory on the following calls, without JwtBearer's validation, until it
/// expires or the identity service's configuration (its keys) changes.
/// </summary>
public sealed class ValidatedTokensTests
{
    [Fact]
    public async Task A_token_is_validated_by_JwtBearer_once_and_again_only_when_it_has_expired()
    {
        var validations = new CountingTokenHandler();
        await using var host = await ProbeHost.StartAsync(jwt: jwt =>
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(validations);
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.Zero;
        });
        // Long enough for three calls on a loaded machine; the wait below ends just after the expiry, however long they took.
        var expires = DateTimeOffset.UtcNow.AddSeconds(8);
        var call = ProbeHost.Bearer(host.Token("jc-05554", "jc-05554", "kpi.read", lifetime: TimeSpan.FromSeconds(8)));

        Assert.Equal("jc-05554 (jc-05554)", (await host.Client.ReadAsync(new ProbeRequest(), call)).Caller);
        Assert.Equal("jc-05554 (jc-05554)", (await host.Client.ReadAsync(new ProbeRequest(), call)).Caller);
        Assert.Equal("jc-05554 (jc-05554)", (await host.Client.ReadAsync(new ProbeRequest(), call)).Caller);
        Assert.Equal(1, validations.Count);

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.2));
        var expired = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Client.ReadAsync(new ProbeRequest(), call));
        Assert.Equal("TOKEN_EXPIRED", expired.Detail<ErrorInfo>().Reason);
        Assert.Equal(2, validations.Count);
    }

    [Fact]
    public async Task When_the_identity_services_keys_change_a_remembered_token_is_validated_against_the_new_ones()
    {
        var validations = new CountingTokenHandler();
        var first = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "first" };
        var second = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "second" };
        var identity = new IdentityConfiguration(first);
        await using var host = await ProbeHost.StartAsync(jwt: jwt =>
        {
            jwt.ConfigurationManager = identity;
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(validations);
        });
        var call = ProbeHost.Bearer(host.Token("mags-nrw", "mags-nrw", "kpi.read", key: first));
        await host.Client.ReadAsync(new ProbeRequest(), call);
        await host.Client.ReadAsync(new ProbeRequest(), call);
        Assert.Equal(1, validations.Count);

        // The first key retired: the remembered token is refused as JwtBearer refuses it.
        identity.Publish(second);
        var refused = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Client.ReadAsync(new ProbeRequest(), call));
        Assert.Equal("TOKEN_SIGNATURE", refused.Detail<ErrorInfo>().Reason);
        Assert.Equal(2, validations.Count);

        // Published again (a new configuration): validated once against it, then remembered with it.
        identity.Publish(first, second);
        await host.Client.ReadAsync(new ProbeRequest(), call);
        await host.Client.ReadAsync(new ProbeRequest(), call);
        Assert.Equal(3, validations.Count);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered()
    {
        var validations = new CountingTokenHandler();
        await using var host = await ProbeHost.StartAsync(jwt: jwt =>
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(validations);
        });
        var call = ProbeHost.Bearer(host.Token("x", "ba", "kpi.read", audience: "agreements"));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Client.ReadAsync(new ProbeRequest(), call));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Client.ReadAsync(new ProbeRequest(), call));
        Assert.Equal(2, validations.Count);
    }

    [Fact]
    public void Finding_a_rule_and_telling_an_open_method_allocate_nothing()
    {
        var rules = new AccessRules([ProbeHost.Rules]);
        const string Read = "/zielsteuerung.tests.v1.AccessProbe/Read";
        Assert.NotNull(rules.Find(Read));
        Assert.True(AccessRules.IsOpen("/grpc.health.v1.Health/Check"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = rules.Find(Read);
            _ = AccessRules.IsOpen(Read);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>JwtBearer's token handler, counting the validations it is asked for.</summary>
    private sealed class CountingTokenHandler : JsonWebTokenHandler
    {
        private int _count;

        public CountingTokenHandler() => MapInboundClaims = false;

        public int Count => _count;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _count);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }

    /// <summary>The identity service's discovery document and keys as JwtBearer's configuration manager hands them out.</summary>
    private sealed class IdentityConfiguration : IConfigurationManager<OpenIdConnectConfiguration>
    {
        private OpenIdConnectConfiguration _current = null!;

        public IdentityConfiguration(params SecurityKey[] keys) => Publish(keys);

        /// <summary>A refreshed configuration with these keys, as after a rotation or retirement.</summary>
        public void Publish(params SecurityKey[] keys)
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = ProbeHost.Issuer };
            foreach (var key in keys)
            {
                configuration.SigningKeys.Add(key);
            }

            _current = configuration;
        }

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(_current);

        public void RequestRefresh()
        {
        }
    }
}
