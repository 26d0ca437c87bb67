using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zielsteuerung.Grpc;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed client <typeparamref name="TClient"/> (transient; it needs a constructor taking a
    /// <see cref="CallInvoker"/>) over one shared <see cref="GrpcChannel"/> per service, addressed by
    /// <see cref="GrpcChannel.ForService"/> from configuration (<c>services:&lt;serviceName&gt;:grpc:0</c>).
    /// The channel is a keyed singleton (key = <paramref name="serviceName"/>), disposed with the container.
    /// </summary>
    public static IServiceCollection AddGrpcClient<TClient>(this IServiceCollection services, string serviceName, Action<GrpcChannelOptions>? configureChannel = null)
        where TClient : ClientBase
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        services.TryAddKeyedSingleton(serviceName, (provider, _) =>
        {
            var options = new GrpcChannelOptions();
            configureChannel?.Invoke(options);
            return GrpcChannel.ForService(provider.GetRequiredService<IConfiguration>(), serviceName, options);
        });
        var factory = ActivatorUtilities.CreateFactory(typeof(TClient), [typeof(CallInvoker)]);
        services.TryAddTransient(provider =>
            (TClient)factory(provider, [provider.GetRequiredKeyedService<GrpcChannel>(serviceName).CreateCallInvoker()]));
        return services;
    }
}
