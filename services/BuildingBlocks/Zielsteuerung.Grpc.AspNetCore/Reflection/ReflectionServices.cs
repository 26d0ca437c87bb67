using Google.Protobuf;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Zielsteuerung.Grpc.AspNetCore.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection over the services mapped on this server.</summary>
internal sealed class ReflectionServiceV1(GrpcServiceRegistry registry)
{
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<V1.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        var handler = new ServerReflectionHandler(new ReflectionIndex(registry.Services));
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(handler.Handle(requestStream.Current));
        }
    }
}

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, which older clients (grpcurl before 1.9, grpc_cli) still ask. Its messages
/// are those of v1 under another package, identical on the wire, so they are converted through their bytes.
/// </summary>
internal sealed class ReflectionServiceV1Alpha(GrpcServiceRegistry registry)
{
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        var handler = new ServerReflectionHandler(new ReflectionIndex(registry.Services));
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var response = handler.Handle(request);
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()));
        }
    }
}
