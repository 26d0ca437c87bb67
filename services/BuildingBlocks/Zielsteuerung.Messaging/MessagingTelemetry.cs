using System.Diagnostics;

namespace Zielsteuerung.Messaging;

/// <summary>Telemetry names of the messaging building block.</summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the ActivitySource of the outbox relay (ServiceDefaults records it).</summary>
    public const string SourceName = "Zielsteuerung.Messaging";

    internal static readonly ActivitySource ActivitySource = new(SourceName);
}
