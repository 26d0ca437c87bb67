namespace Zielsteuerung.Grpc;

/// <summary>Names under which the runtime emits traces and metrics (subscribe to them in OpenTelemetry).</summary>
public static class GrpcDiagnostics
{
    /// <summary>The ActivitySource of client spans (kind Client) and server spans (kind Server).</summary>
    public const string ActivitySourceName = "Zielsteuerung.Grpc";

    /// <summary>The Meter with the histograms rpc.client.duration and rpc.server.duration (ms).</summary>
    public const string MeterName = "Zielsteuerung.Grpc";
}
