using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Zielsteuerung.Authorization;

namespace Authorization.Tests;

/// <summary>The service's own token is fetched once, shared, and renewed before it expires.</summary>
public sealed class ServiceTokensTests
{
    [Fact]
    public async Task One_token_serves_all_calls_until_four_fifths_of_its_lifetime_then_a_new_one_is_fetched()
    {
        var clock = new ManualClock();
        var endpoint = new CountingTokenEndpoint(expiresIn: 100);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Identity:ClientId"] = "agreements-service";
        builder.Configuration["Identity:ClientSecret"] = "geheim";
        builder.Configuration["Identity:TokenEndpoint"] = "http://identity.test/connect/token";
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddAccessControl("agreements");
        builder.Services.AddHttpClient(ServiceTokens.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => endpoint);
        using var host = builder.Build();

        var first = await host.Services.GetRequiredService<ServiceTokens>().GetTokenAsync(CancellationToken.None);
        var again = await host.Services.GetRequiredService<ServiceTokens>().GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(79));
        var stillTheSame = await host.Services.GetRequiredService<ServiceTokens>().GetTokenAsync(CancellationToken.None);
        Assert.Equal(1, endpoint.Requests);
        Assert.Equal(first, again);
        Assert.Equal(first, stillTheSame);
        Assert.Contains("client_id=agreements-service", endpoint.LastBody, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = await host.Services.GetRequiredService<ServiceTokens>().GetTokenAsync(CancellationToken.None);
        Assert.Equal(2, endpoint.Requests);
        Assert.NotEqual(first, renewed);
    }

    private sealed class CountingTokenEndpoint(int expiresIn) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        public string LastBody { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            var n = Interlocked.Increment(ref _requests);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"access_token":"token-{{n}}","token_type":"Bearer","expires_in":{{expiresIn}}}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}

/// <summary>Accepted tokens are remembered until they expire; refused ones are not.</summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048));

    [Fact]
    public async Task An_accepted_token_is_validated_once_until_it_expires()
    {
        var clock = new ManualClock();
        var handler = new CachingJsonWebTokenHandler(clock);
        var parameters = Parameters();
        var token = Token(DateTime.UtcNow.AddMinutes(10));

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);
        Assert.True(first.IsValid);
        Assert.Same(first, second);

        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.NotSame(first, await handler.ValidateTokenAsync(token, parameters));
    }

    [Fact]
    public async Task A_copy_of_the_parameters_hits_the_memory_other_expectations_or_a_refused_token_validate_afresh()
    {
        var handler = new CachingJsonWebTokenHandler(TimeProvider.System);
        var token = Token(DateTime.UtcNow.AddMinutes(10));
        var parameters = Parameters();
        var first = await handler.ValidateTokenAsync(token, parameters);
        Assert.Same(first, await handler.ValidateTokenAsync(token, parameters.Clone()));

        var wrongAudience = parameters.Clone();
        wrongAudience.ValidAudience = "agreements";
        Assert.False((await handler.ValidateTokenAsync(token, wrongAudience)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(token, wrongAudience)).IsValid);
    }

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "https://identity.test/", ValidAudience = "party-registry", IssuerSigningKey = Key, ClockSkew = TimeSpan.Zero,
    };

    private static string Token(DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://identity.test/",
        Audience = "party-registry",
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        IssuedAt = DateTime.UtcNow.AddMinutes(-1),
        Expires = expires,
        Subject = new ClaimsIdentity([new Claim("client_id", "mags-nrw")]),
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
    });
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
