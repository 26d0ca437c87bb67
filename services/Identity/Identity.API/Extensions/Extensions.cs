using Identity.API.Clients;
using Identity.API.Grpc;
using Identity.API.Infrastructure;
using Identity.API.Keys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Zielsteuerung.Authorization;
using Zielsteuerung.Parties.V1;

namespace Identity.API.Extensions;

internal static class Extensions
{
    /// <summary>
    /// OpenIddict's server (token endpoint, discovery, JWKS) on the identity database, the persisted signing keys,
    /// the development clients, and the admin API — whose tokens this service validates with its own keys.
    /// Hosted services start in order: migrations, signing keys, development clients.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IdentityDbContext>(IdentityDbContext.ConnectionName);
        builder.AddDatabaseMigrations<IdentityDbContext>();

        var issuer = builder.Configuration["Identity:Issuer"] is { Length: > 0 } configured ? new Uri(configured) : null;
        var lifetime = builder.Configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromHours(1));
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                if (issuer is not null)
                {
                    server.SetIssuer(issuer);
                }

                server.SetTokenEndpointUris(Tokens.TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. Scopes.All.Select(s => s.Name)]);
                server.SetAccessTokenLifetime(lifetime);
                // Access tokens are JWTs that every service validates itself (RFC 9068): nothing to store or look up.
                server.DisableAccessTokenEncryption();
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                // Client credentials issue no token that OpenIddict encrypts; its option validation still wants a key.
                server.AddEphemeralEncryptionKey();
                // Access tokens carry the claims of RFC 9068 and the party, nothing of OpenIddict's own (oi_prst).
                server.AddEventHandler(Tokens.AccessTokenClaims.Descriptor);
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // cleartext on loopback, as every endpoint here; TLS per deployment
            });

        builder.Services.Configure<SigningKeyOptions>(builder.Configuration.GetSection("Identity:SigningKeys"));
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(services => services.GetRequiredService<SigningKeyRing>());
        // After OpenIddict's own post-configuration (AddServer above registered it), which sorts the credentials.
        builder.Services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(services => services.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(services => services.GetRequiredService<SigningKeyRing>());

        // The admin API's tokens come from this very service: validated with the key ring, no discovery round trip.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyRing, IOptionsMonitor<OpenIddictServerOptions>>((jwt, ring, server) =>
            {
                jwt.Authority = null;
                jwt.TokenValidationParameters.ValidIssuer = issuer?.AbsoluteUri;
                jwt.TokenValidationParameters.ValidateIssuer = issuer is not null;
                jwt.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => ring.ValidationKeys;
            });

        // Its own client's tokens (for the registry) come from its own token endpoint.
        builder.Services.PostConfigure<IdentityOptions>(identity =>
            identity.TokenEndpoint ??= issuer is null ? null : new Uri(issuer, Tokens.TokenEndpoint.Path));
        builder.AddGrpcServiceClient<PartyRegistry.PartyRegistryClient>("party-registry");
        builder.Services.AddScoped<PartyDirectory>();
        builder.Services.AddScoped<ClientCatalog>();
        builder.Services.AddHostedService<DevelopmentClients>();

        builder.AddServiceAccess(ClientAdminService.Access);
        builder.Services.AddScoped<ClientAdminService>();
        builder.AddGrpcServiceHealth(Zielsteuerung.Identity.V1.ClientAdmin.Descriptor.FullName);
        return builder;
    }
}
