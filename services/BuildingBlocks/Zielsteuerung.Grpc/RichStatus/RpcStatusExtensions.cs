using Google.Protobuf;
using Zielsteuerung.Grpc;
using GrpcStatus = Zielsteuerung.Grpc.Status;

namespace Google.Rpc;

/// <summary>
/// The server side of the richer error model (https://grpc.io/docs/guides/error/#richer-error-model):
/// a <see cref="Status"/> travels as the serialized <c>grpc-status-details-bin</c> trailer next to
/// <c>grpc-status</c> and <c>grpc-message</c>.
/// </summary>
public static class RpcStatusExtensions
{
    /// <summary>The trailer that carries the serialized <c>google.rpc.Status</c>.</summary>
    public const string StatusDetailsTrailerName = "grpc-status-details-bin";

    /// <summary>
    /// Creates an exception whose grpc-status and grpc-message are the status' code and message, and whose
    /// trailers carry the whole status (with its details).
    /// </summary>
    public static RpcException ToRpcException(this Status status) => status.ToRpcException(new Metadata());

    /// <summary>As <see cref="ToRpcException(Status)"/>, adding the status trailer to <paramref name="trailers"/>.</summary>
    public static RpcException ToRpcException(this Status status, Metadata trailers)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(trailers);
        if (status.Code == (int)StatusCode.OK)
        {
            throw new ArgumentException("A google.rpc.Status with code OK does not describe an error.", nameof(status));
        }

        trailers.Add(StatusDetailsTrailerName, status.ToByteArray());
        return new RpcException(new GrpcStatus((StatusCode)status.Code, status.Message), trailers);
    }

    /// <summary>The first detail of type <typeparamref name="T"/>, or null if there is none.</summary>
    public static T? GetDetail<T>(this Status status) where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<T>(out var unpacked))
            {
                return unpacked;
            }
        }

        return null;
    }

    /// <summary>Every detail of type <typeparamref name="T"/>, in order.</summary>
    public static IEnumerable<T> GetDetails<T>(this Status status) where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<T>(out var unpacked))
            {
                yield return unpacked;
            }
        }
    }
}
