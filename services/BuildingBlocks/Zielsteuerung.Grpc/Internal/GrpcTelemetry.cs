using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>The runtime's ActivitySource and Meter, and the OpenTelemetry RPC semantic-convention tags.</summary>
internal static class GrpcTelemetry
{
    public static readonly ActivitySource ActivitySource = new(GrpcDiagnostics.ActivitySourceName);
    public static readonly Meter Meter = new(GrpcDiagnostics.MeterName);

    public static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>(
        "rpc.client.duration", unit: "ms", description: "Duration of outbound gRPC calls.");

    public static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>(
        "rpc.server.duration", unit: "ms", description: "Duration of inbound gRPC calls.");

    public const string RpcSystem = "rpc.system";
    public const string RpcService = "rpc.service";
    public const string RpcMethod = "rpc.method";
    public const string RpcStatusCode = "rpc.grpc.status_code";


    // Boxed once: a recorded measurement's status tag would otherwise box the code on every call.
    private static readonly object[] BoxedStatusCodes = [.. Enumerable.Range(0, 17).Select(static code => (object)code)];

    private static object BoxedStatusCode(StatusCode code) =>
        (uint)code < (uint)BoxedStatusCodes.Length ? BoxedStatusCodes[(int)code] : (int)code;

    /// <summary>The start of a call for its duration histogram; 0 (nothing to measure) while nobody listens.</summary>
    public static long StartTimestamp(Histogram<double> histogram) => histogram.Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void SetStartTags(Activity activity, string service, string method)
    {
        activity.SetTag(RpcSystem, "grpc");
        activity.SetTag(RpcService, service);
        activity.SetTag(RpcMethod, method);
    }

    public static void Complete(Activity? activity, Histogram<double> histogram, long startTimestamp, string service, string method, in Status status)
    {
        if (activity is not null)
        {
            activity.SetTag(RpcStatusCode, BoxedStatusCode(status.StatusCode));
            if (status.StatusCode != StatusCode.OK)
            {
                activity.SetStatus(ActivityStatusCode.Error, status.Detail.Length > 0 ? status.Detail : status.StatusCode.ToString());
            }
            activity.Stop();
        }
        // A listener that arrived during the call (no start timestamp) sees the next calls.
        if (startTimestamp != 0 && histogram.Enabled)
        {
            var tags = new TagList
            {
                { RpcSystem, "grpc" },
                { RpcService, service },
                { RpcMethod, method },
                { RpcStatusCode, BoxedStatusCode(status.StatusCode) },
            };
            histogram.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
        }
    }
}
