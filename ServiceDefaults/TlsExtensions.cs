using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zielsteuerung.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What Kestrel's own endpoint configuration lacks for TLS and mutual TLS between services, read from the
/// <c>Tls</c> section. The endpoint itself (https URL, certificate, client certificate mode) is Kestrel's
/// configuration: <c>Kestrel:Endpoints:grpc:Url</c>, <c>…:Certificate:Path</c>/<c>KeyPath</c>,
/// <c>…:ClientCertificateMode</c>. Without any of these settings nothing changes (h2c on loopback).
/// </summary>
public static class TlsExtensions
{
    private const string GrpcEndpointUrlKey = "Kestrel:Endpoints:grpc:Url";

    /// <summary>
    /// <c>Tls:ClientCertificateAuthority</c> (PEM path): client certificates must chain to exactly these CAs
    /// (no system roots, no revocation check, client-authentication usage when the certificate names usages).
    /// <c>Tls:Required=true</c>: the service does not start unless its <c>grpc</c> endpoint is https.
    /// Both, and the files of the outgoing settings (<see cref="GrpcClientExtensions.AddGrpcServiceClient{TClient}"/>),
    /// are checked when the server starts.
    /// </summary>
    public static TBuilder AddTlsDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TlsCertificates>();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IConfiguration, TlsCertificates>((kestrel, configuration, certificates) =>
            {
                RequireHttpsGrpcEndpoint(configuration);
                if (certificates.ClientAuthorities is not null)
                {
                    // Replaces Kestrel's default check against the system roots; Kestrel still refuses a missing
                    // certificate when the endpoint's ClientCertificateMode is RequireCertificate.
                    kestrel.ConfigureHttpsDefaults(https => https.ClientCertificateValidation =
                        (certificate, chain, _) => certificates.IsTrustedClientCertificate(certificate, chain));
                }
            });
        return builder;
    }

    /// <summary>
    /// Outgoing TLS of a gRPC client: the client certificate (<c>Tls:ClientCertificate:Path</c>/<c>KeyPath</c>) and
    /// the trusted server CA (<c>Tls:ServerCertificateAuthority</c>) on the primary SocketsHttpHandler that
    /// Grpc.Net.ClientFactory creates (EnableMultipleHttp2Connections, its pooled connection lifetime); untouched
    /// when neither is set.
    /// </summary>
    internal static IHttpClientBuilder AddTlsClientDefaults(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton<TlsCertificates>();
        return client.ConfigurePrimaryHttpMessageHandler((handler, services) =>
            services.GetRequiredService<TlsCertificates>().ConfigureClientHandler(handler));
    }

    private static void RequireHttpsGrpcEndpoint(IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(TlsCertificates.RequiredKey))
        {
            return;
        }
        var url = configuration[GrpcEndpointUrlKey];
        if (url is null || !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var actual = string.IsNullOrWhiteSpace(url) ? "not set (cleartext h2c on 127.0.0.1)" : $"'{url}'";
            throw new InvalidOperationException(
                $"{TlsCertificates.RequiredKey} is true, but the gRPC endpoint {GrpcEndpointUrlKey} is {actual}: set it to https://… "
                + "with Kestrel:Endpoints:grpc:Certificate:Path and :KeyPath, or set Tls:Required=false.");
        }
    }
}
