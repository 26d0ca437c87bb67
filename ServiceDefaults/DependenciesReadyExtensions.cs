using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of <see cref="Zielsteuerung.ServiceDefaults.DependenciesReady"/>.</summary>
public static class DependenciesReadyExtensions
{
    /// <summary>
    /// Registers the hosted service that lets the server listen only once its dependencies are ready (or after
    /// <c>Startup:ReadinessWait</c>). Call it after every other hosted service, at the end of the service's wiring.
    /// </summary>
    public static IHostApplicationBuilder WaitForReadyDependencies(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<Zielsteuerung.ServiceDefaults.DependenciesReady>();
        return builder;
    }
}
