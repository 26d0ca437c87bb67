namespace Zielsteuerung.Grpc;

/// <summary>
/// A call ended with a non-OK status. Thrown by the client; thrown by a server handler to end the call
/// with <see cref="Status"/> and <see cref="Trailers"/>.
/// </summary>
public class RpcException : Exception
{
    public RpcException(Status status) : this(status, Metadata.Empty, status.Detail) { }

    public RpcException(Status status, string message) : this(status, Metadata.Empty, message) { }

    public RpcException(Status status, Metadata trailers) : this(status, trailers, status.Detail) { }

    public RpcException(Status status, Metadata trailers, string message)
        : base(FormatMessage(status, message), status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    public Status Status { get; }
    public StatusCode StatusCode => Status.StatusCode;
    public Metadata Trailers { get; }

    private static string FormatMessage(Status status, string message) =>
        message == status.Detail ? status.ToString() : message;
}
