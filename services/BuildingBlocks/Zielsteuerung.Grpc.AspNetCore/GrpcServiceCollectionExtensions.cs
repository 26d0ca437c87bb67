using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Routing;
using Zielsteuerung.Grpc.AspNetCore;
using Zielsteuerung.Grpc.AspNetCore.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What <see cref="GrpcServiceCollectionExtensions.AddGrpc"/> returns, for further registrations.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds the gRPC server: options, routing and the registry of mapped services.</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServiceOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, UnimplementedMatcherPolicy>());
        return new GrpcServerBuilder(services);
    }

    private sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
