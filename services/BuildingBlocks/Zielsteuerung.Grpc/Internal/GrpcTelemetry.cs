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
            activity.SetTag(RpcStatusCode, (int)status.StatusCode);
            if (status.StatusCode != StatusCode.OK)
            {
                activity.SetStatus(ActivityStatusCode.Error, status.Detail.Length > 0 ? status.Detail : status.StatusCode.ToString());
            }
            activity.Stop();
        }
        if (histogram.Enabled)
        {
            var tags = new TagList
            {
                { RpcSystem, "grpc" },
                { RpcService, service },
                { RpcMethod, method },
                { RpcStatusCode, (int)status.StatusCode },
            };
            histogram.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
        }
    }
}
