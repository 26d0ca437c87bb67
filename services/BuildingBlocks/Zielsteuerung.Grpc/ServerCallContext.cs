namespace Zielsteuerung.Grpc;

/// <summary>The server side of one call: what came with the request and what goes back with the response.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, "/package.Service/Method".</summary>
    public abstract string Method { get; }

    /// <summary>The authority (host) the client called.</summary>
    public abstract string Host { get; }

    /// <summary>The client's address, e.g. "ipv4:127.0.0.1:51234".</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline (UTC); <see cref="DateTime.MaxValue"/> if the client set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent at the end of the call if the handler completes without exception.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Sends the response headers now (at most once, before the first message).</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    /// <summary>State that interceptors and handlers can share for the duration of the call.</summary>
    public IDictionary<object, object> UserState => _userState ??= new Dictionary<object, object>();

    private Dictionary<object, object>? _userState;
}
