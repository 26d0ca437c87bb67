using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zielsteuerung.ServiceDefaults;

/// <summary>
/// The service's own ActivitySource and Meter, both named after the service (OTEL_SERVICE_NAME, else the
/// application name) and recorded by the providers of AddServiceDefaults. Inject it to add spans and metrics.
/// </summary>
public sealed class ServiceTelemetry : IDisposable
{
    /// <summary>Creates the source and meter named <paramref name="serviceName"/>.</summary>
    public ServiceTelemetry(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ServiceName = serviceName;
        ActivitySource = new ActivitySource(serviceName);
        Meter = new Meter(serviceName);
    }

    /// <summary>The service name (service.name in telemetry).</summary>
    public string ServiceName { get; }

    /// <summary>Start the service's own spans here.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Create the service's own instruments here.</summary>
    public Meter Meter { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
