namespace Zielsteuerung.Grpc.Internal;

/// <summary>Header names, content types and other constants of PROTOCOL-HTTP2.md, in one place.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";

    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string PreviousAttemptsHeader = "grpc-previous-rpc-attempts";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string ContentTypeHeader = "content-type";
    public const string UserAgentHeader = "user-agent";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>The encodings this runtime accepts, as sent in grpc-accept-encoding.</summary>
    public const string SupportedEncodings = "identity,gzip";

    public const string UserAgent = "grpc-dotnet-zielsteuerung/1.0";

    public const int HeaderSize = 5;
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// Whether <paramref name="contentType"/> is one this runtime speaks: "application/grpc" or
    /// "application/grpc+proto", optionally followed by parameters.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = contentType.AsSpan(ContentType.Length);
        if (rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[6..];
        }
        return rest.IsEmpty || rest[0] == ';';
    }

    private static readonly System.Collections.Frozen.FrozenSet<string> ReservedHeaders = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        ContentTypeHeader, TeHeader, "host", "content-length", "date", "server", "connection", "transfer-encoding",
        "keep-alive", "upgrade", "proxy-connection", TimeoutHeader, EncodingHeader, AcceptEncodingHeader, StatusHeader,
        MessageHeader, "grpc-message-type", PreviousAttemptsHeader, "accept-encoding",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Headers that are part of the protocol, never exposed as metadata and never accepted from user
    /// metadata (plus any pseudo-header ":…"). "date" and "server" are added by Kestrel.
    /// </summary>
    public static bool IsReservedHeader(string name) => name.Length > 0 && (name[0] == ':' || ReservedHeaders.Contains(name));
}
