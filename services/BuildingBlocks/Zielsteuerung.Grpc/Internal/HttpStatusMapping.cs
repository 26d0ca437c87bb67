using System.Net;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>
/// grpc/grpc doc/http-grpc-status-mapping.md: the status a client infers from an HTTP response without
/// grpc-status. Only for clients; servers answer 200 with grpc-status.
/// </summary>
internal static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(HttpStatusCode httpStatus) => (int)httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static Status ToStatus(HttpStatusCode httpStatus) =>
        new(ToStatusCode(httpStatus), $"Bad gRPC response. HTTP status code: {(int)httpStatus}");
}

/// <summary>PROTOCOL-HTTP2.md "Errors": the status a client reports when the server resets the stream.</summary>
internal static class Http2ErrorMapping
{
    public static StatusCode ToStatusCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };
}
