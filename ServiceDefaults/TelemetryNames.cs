namespace Zielsteuerung.ServiceDefaults;

/// <summary>
/// Sources and meters AddServiceDefaults records besides the instrumentation packages' and the service's own.
/// Building blocks add their own instrumentation (Npgsql, Redis) where they register the client.
/// </summary>
public static class TelemetryNames
{
    /// <summary>ActivitySources traced in every service.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = ["MassTransit", "Zielsteuerung.Messaging"];

    /// <summary>Meters recorded in every service.</summary>
    public static IReadOnlyList<string> Meters { get; } =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Grpc.AspNetCore.Server", "Grpc.Net.Client", "MassTransit", "Zielsteuerung.Messaging"];
}
