using System.Diagnostics;
using System.Diagnostics.Metrics;
using Zielsteuerung.ServiceDefaults;

namespace Agreements.API.Application;

/// <summary>
/// The service's own spans (<c>agreements.&lt;operation&gt;</c>, tag agreement.id) and the counter
/// <c>agreements.writes</c> (tags operation, outcome).
/// </summary>
internal sealed class AgreementsTelemetry(ServiceTelemetry telemetry)
{
    private readonly Counter<long> _writes = telemetry.Meter.CreateCounter<long>(
        "agreements.writes", unit: "{write}", description: "Writes to agreements, by operation and outcome.");

    public Activity? StartWrite(string operation, string agreementId)
    {
        var activity = telemetry.ActivitySource.StartActivity("agreements." + operation);
        if (agreementId.Length > 0)
        {
            activity?.SetTag("agreement.id", agreementId);
        }

        return activity;
    }

    public void Write(string operation, string outcome) =>
        _writes.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));
}
