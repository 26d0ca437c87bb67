using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Typed gRPC clients of other services, through Grpc.Net.ClientFactory.</summary>
public static class GrpcClientExtensions
{
    /// <summary>
    /// Registers the generated client <typeparamref name="TClient"/> of <paramref name="serviceName"/>, whose address
    /// is read when a client is first created from <c>services:{serviceName}:grpc:0</c> (env
    /// <c>services__{serviceName}__grpc__0</c>, which the AppHost's <c>WithReference</c> sets, as for any Aspire
    /// project). Over https it presents <c>Tls:ClientCertificate:Path</c>/<c>KeyPath</c> and trusts
    /// <c>Tls:ServerCertificateAuthority</c> when they are set (<see cref="TlsExtensions"/>).
    /// Every call carries this service's own access token (client credentials <c>Identity:ClientId</c>/<c>ClientSecret</c>,
    /// kept and renewed by <see cref="Zielsteuerung.Authorization.ServiceTokens"/>).
    /// Returns the client's <see cref="IHttpClientBuilder"/> for interceptors, deadlines or handlers.
    /// </summary>
    public static IHttpClientBuilder AddGrpcServiceClient<TClient>(this IHostApplicationBuilder builder, string serviceName)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        return builder.Services.AddGrpcClient<TClient>((services, options) =>
            options.Address = ServiceAddress(services.GetRequiredService<IConfiguration>(), serviceName))
            .AddTlsClientDefaults()
            .AddServiceToken();
    }

    internal static Uri ServiceAddress(IConfiguration configuration, string serviceName)
    {
        var key = $"services:{serviceName}:grpc:0";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"No address for the gRPC service '{serviceName}': set {key} (env services__{serviceName}__grpc__0; the AppHost sets it with WithReference).");
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? address
            : throw new InvalidOperationException($"{key} is '{value}', not an http:// or https:// address.");
    }
}
