using System.Diagnostics;
using System.Diagnostics.Metrics;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.ServiceDefaults;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>
/// The service's own span <c>kpi.deliver</c> (tags delivery.id, delivery.state, delivery.rows_received / _stored /
/// _rejected) under the gRPC call's span, and the counter <c>kpi.delivery.rows</c> (tags outcome = stored | rejected).
/// </summary>
internal sealed class KpiTelemetry(ServiceTelemetry telemetry)
{
    private readonly Counter<long> _rows = telemetry.Meter.CreateCounter<long>(
        "kpi.delivery.rows", unit: "{row}", description: "Delivered rows, stored or rejected.");

    public Activity? StartDelivery() => telemetry.ActivitySource.StartActivity("kpi.deliver");

    public void Delivered(Activity? activity, DeliveryReport report)
    {
        activity?.SetTag("delivery.id", report.DeliveryId);
        activity?.SetTag("delivery.state", report.State.ToString());
        activity?.SetTag("delivery.rows_received", report.RowsReceived);
        activity?.SetTag("delivery.rows_stored", report.RowsStored);
        activity?.SetTag("delivery.rows_rejected", report.RowsRejected);
        if (report.DuplicateOf.Length == 0)
        {
            _rows.Add(report.RowsStored, new KeyValuePair<string, object?>("outcome", "stored"));
            _rows.Add(report.RowsRejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        }
        else
        {
            activity?.SetTag("delivery.duplicate_of", report.DuplicateOf);
        }
    }
}
