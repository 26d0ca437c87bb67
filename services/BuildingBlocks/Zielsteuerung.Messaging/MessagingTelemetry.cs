using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zielsteuerung.Messaging;

/// <summary>Telemetry names of the messaging building block (ServiceDefaults records both).</summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the ActivitySource of the outbox relay.</summary>
    public const string SourceName = "Zielsteuerung.Messaging";

    /// <summary>
    /// Name of the Meter with <c>zielsteuerung.outbox.published</c> (counter), <c>zielsteuerung.outbox.failures</c>
    /// (counter, tag <c>permanent</c>) and <c>zielsteuerung.outbox.delay</c> (histogram, seconds from the event to its
    /// publication; it grows while the broker is down).
    /// </summary>
    public const string MeterName = "Zielsteuerung.Messaging";

    internal static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Published =
        Meter.CreateCounter<long>("zielsteuerung.outbox.published", "{message}", "Outbox messages the broker confirmed.");

    internal static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("zielsteuerung.outbox.failures", "{attempt}", "Failed publications of outbox messages.");

    internal static readonly Histogram<double> Delay =
        Meter.CreateHistogram<double>("zielsteuerung.outbox.delay", "s", "Time from an event to its publication.");
}
