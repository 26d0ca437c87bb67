using Zielsteuerung.Grpc;

namespace Grpc.Health.V1;

/// <summary>A typed client of grpc.health.v1.Health (grpc/grpc doc/health-checking.md).</summary>
public sealed class HealthClient : ClientBase
{
    /// <summary>grpc.health.v1.Health, as a protobuf service descriptor.</summary>
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = HealthReflection.Descriptor.Services[0];

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod =
        Method.Create<HealthCheckRequest, HealthCheckResponse>(Descriptor.FindMethodByName("Check"));

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod =
        Method.Create<HealthCheckRequest, HealthCheckResponse>(Descriptor.FindMethodByName("Watch"));

    public HealthClient(CallInvoker callInvoker) : base(callInvoker) { }

    public HealthClient(GrpcChannel channel) : base(channel) { }

    /// <summary>The status of a service ("" = the whole server); NOT_FOUND if the server does not know it.</summary>
    public AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
        CheckAsync(request, new CallOptions(headers, deadline, cancellationToken));

    public AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, CallOptions options) =>
        CallInvoker.AsyncUnaryCall(CheckMethod, null, options, request);

    /// <summary>The status of a service now and at every change (SERVICE_UNKNOWN while unknown), until cancelled.</summary>
    public AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
        Watch(request, new CallOptions(headers, deadline, cancellationToken));

    public AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, CallOptions options) =>
        CallInvoker.AsyncServerStreamingCall(WatchMethod, null, options, request);
}
