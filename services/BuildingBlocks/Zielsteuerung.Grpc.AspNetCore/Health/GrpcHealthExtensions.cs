using Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Zielsteuerung.Grpc.AspNetCore;
using Zielsteuerung.Grpc.AspNetCore.Health;

namespace Microsoft.Extensions.DependencyInjection
{
    public static class GrpcHealthServiceCollectionExtensions
    {
        /// <summary>
        /// Adds what <c>MapGrpcHealthService</c> needs (and ASP.NET Core health checks); returns the health checks
        /// builder for adding checks. Tag a check "ready" to let it decide whether the server is SERVING.
        /// </summary>
        public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            var options = services.AddOptions<GrpcHealthChecksOptions>();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            options.Validate(o => o.Interval > TimeSpan.Zero, "GrpcHealthChecksOptions.Interval must be positive.")
                .Validate(o => o.Predicate is not null, "GrpcHealthChecksOptions.Predicate must be set.");

            services.TryAddSingleton<GrpcServiceRegistry>();
            services.TryAddSingleton(provider => new HealthStatusManager(provider.GetRequiredService<GrpcServiceRegistry>().IsMapped));
            services.TryAddSingleton<HealthCheckPoller>();
            services.TryAddSingleton<HealthService>();
            return services.AddHealthChecks();
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class GrpcHealthEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps grpc.health.v1.Health and evaluates the health checks from application start on; when the application
        /// stops, every service turns NOT_SERVING. Needs <c>services.AddGrpcHealthChecks()</c>.
        /// </summary>
        public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            var provider = endpoints.ServiceProvider;
            var poller = provider.GetService<HealthCheckPoller>()
                ?? throw new InvalidOperationException("Call services.AddGrpcHealthChecks() before MapGrpcHealthService().");
            var manager = provider.GetRequiredService<HealthStatusManager>();
            var lifetime = provider.GetRequiredService<IHostApplicationLifetime>();

            var conventions = endpoints.MapGrpcService<HealthService>(HealthClient.Descriptor);
            lifetime.ApplicationStarted.Register(poller.Start);
            lifetime.ApplicationStopping.Register(() =>
            {
                manager.EnterTerminalState();
                poller.Stop();
            });
            return conventions;
        }
    }
}
