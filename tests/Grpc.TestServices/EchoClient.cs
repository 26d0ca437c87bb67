using Zielsteuerung.Grpc;

namespace Zielsteuerung.Testing.V1;

/// <summary>A typed client of zielsteuerung.testing.v1.Echo, written the way grpc-dotnet generates them.</summary>
public sealed class EchoClient : ClientBase
{
    public static readonly Method<EchoRequest, EchoResponse> UnaryMethod = Create("Unary");
    public static readonly Method<EchoRequest, EchoResponse> ServerStreamMethod = Create("ServerStream");
    public static readonly Method<EchoRequest, EchoResponse> ClientStreamMethod = Create("ClientStream");
    public static readonly Method<EchoRequest, EchoResponse> DuplexStreamMethod = Create("DuplexStream");

    public EchoClient(CallInvoker callInvoker) : base(callInvoker) { }

    public EchoClient(GrpcChannel channel) : base(channel) { }

    public AsyncUnaryCall<EchoResponse> UnaryAsync(EchoRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(UnaryMethod, null, options, request);

    public AsyncServerStreamingCall<EchoResponse> ServerStream(EchoRequest request, CallOptions options = default) =>
        CallInvoker.AsyncServerStreamingCall(ServerStreamMethod, null, options, request);

    public AsyncClientStreamingCall<EchoRequest, EchoResponse> ClientStream(CallOptions options = default) =>
        CallInvoker.AsyncClientStreamingCall(ClientStreamMethod, null, options);

    public AsyncDuplexStreamingCall<EchoRequest, EchoResponse> DuplexStream(CallOptions options = default) =>
        CallInvoker.AsyncDuplexStreamingCall(DuplexStreamMethod, null, options);

    private static Method<EchoRequest, EchoResponse> Create(string name) =>
        Method.Create<EchoRequest, EchoResponse>(EchoService.Descriptor.FindMethodByName(name));
}
