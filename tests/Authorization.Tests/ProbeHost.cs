using System.Security.Claims;
using System.Security.Cryptography;
using Authorization.Tests.Probe;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;

namespace Authorization.Tests;

/// <summary>
/// A service as Program.cs builds one (AddServiceDefaults, access rules, MapGrpcService) on TestServer, trusting a
/// signing key of its own instead of an identity service; <see cref="Token"/> issues tokens with that key.
/// </summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    public const string Issuer = "https://identity.test/";
    public const string Audience = "probe";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private readonly List<string> _errors;

    private ProbeHost(WebApplication app, RsaSecurityKey key, GrpcChannel channel, List<string> errors)
    {
        _app = app;
        _key = key;
        _errors = errors;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    /// <summary>What the service logged at Error so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public AccessProbe.AccessProbeClient Client => new(Channel);

    public static ServiceAccess Rules { get; } = ServiceAccess.For(AccessProbe.Descriptor, rules => rules
        .Allow(Scopes.KpiRead, "Read", "Watch")
        .Allow(Scopes.KpiDeliver, PartyRule.Only("ba"), "Deliver")
        .Allow(Scopes.KpiRead, PartyRule.FromRequest<ProbeRequest>(r => [r.PartyId]), "ReadOwn")
        .Allow(Scopes.AgreementsSign, PartyRule.OfResource, "Sign", "SignCarelessly")
        .Allow(Scopes.KpiDeliver, "Write"));

    /// <param name="rules">The access rules; <see cref="Rules"/> by default.</param>
    /// <param name="jwt">Changes JwtBearer's options after the service and the probe configured them.</param>
    public static async Task<ProbeHost> StartAsync(ServiceAccess? rules = null, Action<JwtBearerOptions>? jwt = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["OTEL_SERVICE_NAME"] = Audience;
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "probe-key" };
        var errors = new List<string>();
        builder.Logging.ClearProviders().AddProvider(new ErrorCollector(errors));
        builder.AddServiceDefaults();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.TokenValidationParameters.IssuerSigningKey = key;
            jwt.TokenValidationParameters.ValidIssuer = Issuer;
        });
        if (jwt is not null)
        {
            builder.Services.PostConfigure(JwtBearerDefaults.AuthenticationScheme, jwt);
        }

        builder.AddServiceAccess(rules ?? Rules);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<ProbeService>();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress(app.GetTestServer().BaseAddress, new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        return new ProbeHost(app, key, channel, errors);
    }

    /// <summary>A token as the identity service issues it (typ at+jwt, RS256), with the given claims.</summary>
    public string Token(string clientId, string party, string scopes, string audience = Audience, TimeSpan? lifetime = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            TokenType = "at+jwt",
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("client_id", clientId), new Claim("party", party), new Claim("scope", scopes)]),
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.DisposeAsync();
    }

    private sealed class ProbeService : AccessProbe.AccessProbeBase
    {
        public override Task<ProbeReply> Read(ProbeRequest request, ServerCallContext context) => Reply(context);

        public override Task<ProbeReply> Write(ProbeRequest request, ServerCallContext context) => Reply(context);

        public override Task<ProbeReply> ReadOwn(ProbeRequest request, ServerCallContext context) => Reply(context);

        public override Task<ProbeReply> Deliver(ProbeRequest request, ServerCallContext context) => Reply(context);

        public override async Task<ProbeReply> Sign(ProbeRequest request, ServerCallContext context)
        {
            // The "agreement" belongs to MAGS NRW and Kreis Borken.
            await context.AuthorizePartyAsync(["mags-nrw", "kt-05554"], "agreement nrw-borken-2018");
            return await Reply(context);
        }

        public override Task<ProbeReply> SignCarelessly(ProbeRequest request, ServerCallContext context) => Reply(context);

        public override async Task Watch(ProbeRequest request, IServerStreamWriter<ProbeReply> responseStream, ServerCallContext context) =>
            await responseStream.WriteAsync(await Reply(context));

        private static Task<ProbeReply> Reply(ServerCallContext context) => Task.FromResult(new ProbeReply { Caller = context.GetCaller().RecordedBy });
    }

    private sealed class ErrorCollector(List<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                lock (errors)
                {
                    errors.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
