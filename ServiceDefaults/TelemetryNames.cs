namespace Zielsteuerung.ServiceDefaults;

/// <summary>What AddServiceDefaults records besides the service's own source and meter.</summary>
public static class TelemetryNames
{
    /// <summary>ActivitySources traced in every service.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "MassTransit",
        "Npgsql",
        Grpc.GrpcDiagnostics.ActivitySourceName,
        "Zielsteuerung.Messaging",
    ];

    /// <summary>Meters recorded in every service.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "MassTransit",
        "Npgsql",
        Grpc.GrpcDiagnostics.MeterName,
        "Zielsteuerung.Messaging",
    ];
}
