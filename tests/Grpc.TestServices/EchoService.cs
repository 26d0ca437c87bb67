using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Zielsteuerung.Grpc;
using Status = Zielsteuerung.Grpc.Status;
using StatusCode = Zielsteuerung.Grpc.StatusCode;

namespace Zielsteuerung.Testing.V1;

/// <summary>
/// The Echo service as tests/Grpc.TestContracts/echo.proto describes it. Map it with
/// <c>app.MapGrpcService&lt;EchoService&gt;(EchoService.Descriptor)</c>.
/// </summary>
public sealed class EchoService
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

    private const string EchoPrefix = "x-echo-";
    private const string TrailerPrefix = "x-echo-trailer-";

    public async Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        await EchoHeadersAsync(request, context);
        await DelayAsync(request, context);
        ThrowIfError(request.Error);
        return Answer(request, index: 0);
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoHeadersAsync(request, context);
        for (var i = 0; i < request.Repeat; i++)
        {
            await DelayAsync(request, context);
            await responseStream.WriteAsync(Answer(request, i));
        }
        ThrowIfError(request.Error);
    }

    public async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var messages = new List<string>();
        var payload = new MemoryStream();
        ErrorToRaise? error = null;
        var echoed = false;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            if (!echoed && request.EchoMetadata)
            {
                echoed = true;
                await EchoHeadersAsync(request, context);
            }
            messages.Add(request.Message);
            request.Payload.WriteTo(payload);
            error ??= request.Error;
        }
        ThrowIfError(error);
        return new EchoResponse
        {
            Message = string.Join(",", messages),
            Payload = ByteString.CopyFrom(payload.GetBuffer(), 0, (int)payload.Length),
            Index = messages.Count,
        };
    }

    public async Task DuplexStream(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        var index = 0;
        var echoed = false;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            if (!echoed && request.EchoMetadata)
            {
                echoed = true;
                await EchoHeadersAsync(request, context);
            }
            ThrowIfError(request.Error);
            await DelayAsync(request, context);
            await responseStream.WriteAsync(Answer(request, index++));
        }
    }

    private static EchoResponse Answer(EchoRequest request, int index) => new()
    {
        Message = request.Message,
        Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(Filled(request.ResponseSize)) : request.Payload,
        Index = index,
    };

    private static byte[] Filled(int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)0xAB);
        return bytes;
    }

    private static Task DelayAsync(EchoRequest request, ServerCallContext context) =>
        request.DelayMs > 0 ? Task.Delay(request.DelayMs, context.CancellationToken) : Task.CompletedTask;

    /// <summary>x-echo-* request metadata back in the response headers, and as x-echo-trailer-* in the trailers.</summary>
    private static Task EchoHeadersAsync(EchoRequest request, ServerCallContext context)
    {
        if (!request.EchoMetadata)
        {
            return Task.CompletedTask;
        }
        var headers = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (!entry.Key.StartsWith(EchoPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var trailerKey = TrailerPrefix + entry.Key[EchoPrefix.Length..];
            if (entry.IsBinary)
            {
                headers.Add(entry.Key, entry.ValueBytes);
                context.ResponseTrailers.Add(trailerKey, entry.ValueBytes);
            }
            else
            {
                headers.Add(entry.Key, entry.Value);
                context.ResponseTrailers.Add(trailerKey, entry.Value);
            }
        }
        return context.WriteResponseHeadersAsync(headers);
    }

    private static void ThrowIfError(ErrorToRaise? error)
    {
        if (error is null || error.Code == 0)
        {
            return;
        }
        var trailers = new Metadata();
        if (error.FieldViolation.Length > 0)
        {
            var details = new Google.Rpc.Status
            {
                Code = error.Code,
                Message = error.Message,
                Details =
                {
                    Any.Pack(new BadRequest
                    {
                        FieldViolations = { new BadRequest.Types.FieldViolation { Field = "message", Description = error.FieldViolation } },
                    }),
                },
            };
            trailers.Add("grpc-status-details-bin", details.ToByteArray());
        }
        throw new RpcException(new Status((StatusCode)error.Code, error.Message), trailers);
    }
}
