using Google.Protobuf;
using Google.Rpc;

namespace Zielsteuerung.Grpc;

/// <summary>The client side of the richer error model: reads the <c>google.rpc.Status</c> a server sent.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>
    /// The <c>google.rpc.Status</c> carried in the <c>grpc-status-details-bin</c> trailer, or null when it is absent,
    /// not binary, not a valid <c>google.rpc.Status</c>, or when its code differs from the call's grpc-status.
    /// </summary>
    /// <remarks>
    /// grpc-status is authoritative. grpc-java (StatusProto) and python (grpc_status.rpc_status) refuse details whose
    /// code differs from it by throwing; we treat such details as absent instead of throwing from an error path.
    /// </remarks>
    public static Google.Rpc.Status? GetRpcStatus(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var entry = exception.Trailers.Get(RpcStatusExtensions.StatusDetailsTrailerName);
        if (entry is null || !entry.IsBinary)
        {
            return null;
        }

        Google.Rpc.Status status;
        try
        {
            status = Google.Rpc.Status.Parser.ParseFrom(entry.ValueBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        return status.Code == (int)exception.StatusCode ? status : null;
    }
}
