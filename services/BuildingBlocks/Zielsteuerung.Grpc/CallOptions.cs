namespace Zielsteuerung.Grpc;

/// <summary>Per-call options of a client call.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Request metadata sent as headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call must be done (UTC, or local time converted to UTC); sent as grpc-timeout and enforced locally.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancelling it resets the call's HTTP/2 stream; the call ends with CANCELLED.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The caller declares the call safe to repeat: a unary or server-streaming call that fails with UNAVAILABLE
    /// before the server committed to it (no response headers, or a trailers-only response) is retried with
    /// the channel's <see cref="RetryPolicy"/>. Calls without this flag are never retried.
    /// </summary>
    public bool IsIdempotent { get; init; }

    public CallOptions WithHeaders(Metadata? headers) => this with { Headers = headers };
    public CallOptions WithDeadline(DateTime? deadline) => this with { Deadline = deadline };
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => this with { CancellationToken = cancellationToken };
    public CallOptions WithIdempotent(bool isIdempotent = true) => this with { IsIdempotent = isIdempotent };
}
