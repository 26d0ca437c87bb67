using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zielsteuerung.Grpc;

namespace Microsoft.Extensions.Hosting;

/// <summary>Typed gRPC clients of other services.</summary>
public static class GrpcClientExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (a singleton: clients and channels are thread-safe and meant to be
    /// shared) on one channel to <paramref name="serviceName"/>, whose address is read when first needed from
    /// <c>services:{serviceName}:grpc:0</c> (env <c>services__{serviceName}__grpc__0</c>, injected by the AppHost).
    /// The channel is keyed by the service name, so several clients of one service share it.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServiceClient<TClient>(
        this IHostApplicationBuilder builder, string serviceName, Action<GrpcChannelOptions>? configureChannel = null)
        where TClient : ClientBase
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        builder.Services.TryAddKeyedSingleton(serviceName, (services, _) =>
        {
            var options = new GrpcChannelOptions();
            configureChannel?.Invoke(options);
            return GrpcChannel.ForService(services.GetRequiredService<IConfiguration>(), serviceName, options);
        });
        builder.Services.TryAddSingleton(services => ActivatorUtilities.CreateInstance<TClient>(
            services, services.GetRequiredKeyedService<GrpcChannel>(serviceName).CreateCallInvoker()));
        return builder;
    }
}
