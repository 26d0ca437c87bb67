using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Zielsteuerung.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler to send requests with (e.g. a TestServer handler). When null the channel creates and owns a
    /// <see cref="SocketsHttpHandler"/> configured from the options below.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/> (always true for the channel's own handler).</summary>
    public bool DisposeHttpHandler { get; set; }

    /// <summary>Largest response message accepted, in bytes (default 4 MiB; null = unlimited).</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent, in bytes (default null = unlimited).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress request messages with this encoding ("gzip"), or null to send them uncompressed.</summary>
    public string? RequestCompression { get; set; }

    /// <summary>Retry policy for calls marked <see cref="CallOptions.IsIdempotent"/>.</summary>
    public RetryPolicy RetryPolicy { get; set; } = new();

    /// <summary>HTTP/2 PING after this much inactivity (default: off).</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Connection is closed if a keep-alive PING is not answered within this time.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Send keep-alive pings also when no call is active.</summary>
    public bool KeepAlivePingWhenIdle { get; set; }

    /// <summary>Idle connections are closed after this time.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Client certificates offered in TLS handshakes (mutual TLS).</summary>
    public X509CertificateCollection? ClientCertificates { get; set; }

    /// <summary>Custom validation of the server certificate (e.g. pinning a self-signed certificate).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>Connect timeout of the channel's own handler.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Exponential backoff with full jitter (gRFC A6): before attempt n+1 the client waits a random time in
/// [0, min(InitialBackoff * BackoffMultiplier^(n-1), MaxBackoff)).
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Attempts in total, including the first (1 disables retries).</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public double BackoffMultiplier { get; set; } = 2;
}
