using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;

namespace Microsoft.Extensions.Hosting;

/// <summary>Access control of a service: token validation, access rules, tokens for calls to other services.</summary>
public static class AccessControlExtensions
{
    /// <summary>
    /// Validates bearer tokens of the trusted identity service (<see cref="IdentityOptions"/>: RFC 9068 access tokens,
    /// audience = this service) and enforces the access rules of every gRPC method, deny by default (only health and
    /// reflection answer without a token). AddServiceDefaults calls it; services add their rules with
    /// <see cref="AddServiceAccess"/>. Without an identity service every other method is refused.
    /// </summary>
    public static TBuilder AddAccessControl<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(IdentityOptions.Section);
        builder.Services.Configure<IdentityOptions>(section);
        builder.Services.PostConfigure<IdentityOptions>(identity =>
        {
            identity.Authority ??= Uri.TryCreate(builder.Configuration["services:identity:http:0"], UriKind.Absolute, out var discovered) ? discovered : null;
            identity.Audience ??= serviceName;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<Options.IOptions<IdentityOptions>, TimeProvider>((jwt, identity, time) => ConfigureJwtBearer(jwt, identity.Value, time));
        builder.Services.AddAuthorization();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PartyRequirementHandler>());
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<AccessInterceptor>();
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<AccessInterceptor>());
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, AccessRulesCheck>();
        AddServiceTokens(builder.Services);
        return builder;
    }

    /// <summary>Adds the access rules of one of the service's gRPC services.</summary>
    public static IHostApplicationBuilder AddServiceAccess(this IHostApplicationBuilder builder, ServiceAccess access)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(access);
        builder.Services.AddSingleton(access);
        return builder;
    }

    /// <summary>
    /// Every call of this gRPC client carries this service's own access token (<see cref="ServiceTokens"/>), when the
    /// service has client credentials. Over cleartext only to loopback-style internal addresses the AppHost gives.
    /// </summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        AddServiceTokens(client.Services);
        return client
            .AddCallCredentials(async (context, metadata, services) =>
            {
                var tokens = services.GetRequiredService<ServiceTokens>();
                if (tokens.IsConfigured)
                {
                    metadata.Add("authorization", "Bearer " + await tokens.GetTokenAsync(context.CancellationToken).ConfigureAwait(false));
                }
            })
            .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
    }

    private static void AddServiceTokens(IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(ServiceTokens)))
        {
            return;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IdentityOptions>();
        services.AddHttpClient(ServiceTokens.HttpClientName);
        services.AddSingleton<ServiceTokens>();
    }

    private static void ConfigureJwtBearer(JwtBearerOptions jwt, IdentityOptions identity, TimeProvider time)
    {
        if (identity.Authority is { } authority)
        {
            jwt.Authority = authority.ToString();
            jwt.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        }

        jwt.Audience = identity.Audience;
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler(time) { MapInboundClaims = false });
        jwt.TokenValidationParameters.ValidTypes = ["at+jwt"];
        jwt.TokenValidationParameters.ClockSkew = identity.ClockSkew;
        jwt.TokenValidationParameters.NameClaimType = CallerClaims.ClientId;
        // Challenges are answered by the access interceptor with a gRPC status; nothing else of the pipeline challenges.
        // A token JwtBearer accepted is not validated again on every call (ValidatedTokens says when it is).
        jwt.Events = new ValidatedTokens(time);
    }
}
