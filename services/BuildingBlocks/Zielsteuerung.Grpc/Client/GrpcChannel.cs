using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Zielsteuerung.Grpc.Internal;

namespace Zielsteuerung.Grpc;

/// <summary>
/// A connection pool to one gRPC server (HTTP/2 over <see cref="SocketsHttpHandler"/>; h2c for http://,
/// TLS with ALPN h2 for https://). Create once per server and share; thread-safe.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _requestUris = new(StringComparer.Ordinal);
    private readonly bool _disposeHandler;
    private readonly GrpcCallInvoker _callInvoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must be http:// (h2c) or https://.", nameof(address));
        }
        if (options.RequestCompression is not (null or GrpcProtocol.IdentityEncoding or GrpcProtocol.GzipEncoding))
        {
            throw new ArgumentException($"Unsupported RequestCompression '{options.RequestCompression}'; supported: gzip, identity.", nameof(options));
        }
        Address = address;
        Options = options;
        HttpMessageHandler handler;
        if (options.HttpHandler is { } custom)
        {
            handler = custom;
            _disposeHandler = options.DisposeHttpHandler;
        }
        else
        {
            handler = CreateHandler(options);
            _disposeHandler = true;
        }
        Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        _handler = handler;
        _callInvoker = new GrpcCallInvoker(this);
    }

    private readonly HttpMessageHandler _handler;

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }
    internal HttpMessageInvoker Invoker { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>
    /// A channel to a service named in Aspire-style configuration: "party-registry" reads
    /// <c>services:party-registry:grpc:0</c>; see <see cref="ServiceAddress.Resolve"/> for the other forms.
    /// </summary>
    public static GrpcChannel ForService(IConfiguration configuration, string serviceName, GrpcChannelOptions? options = null) =>
        ForAddress(ServiceAddress.Resolve(configuration, serviceName), options);

    public CallInvoker CreateCallInvoker() => _callInvoker;

    internal Uri GetRequestUri(IMethod method)
    {
        if (_requestUris.TryGetValue(method.FullName, out var uri))
        {
            return uri;
        }
        return _requestUris.GetOrAdd(method.FullName, path => new Uri(Address, path));
    }

    public void Dispose()
    {
        Invoker.Dispose();
        if (_disposeHandler)
        {
            _handler.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = options.KeepAlivePingWhenIdle ? HttpKeepAlivePingPolicy.Always : HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            // The channel writes traceparent/tracestate itself, exactly once (see GrpcCall).
            ActivityHeadersPropagator = null,
        };
        if (options.ClientCertificates is { Count: > 0 } certificates)
        {
            handler.SslOptions.ClientCertificates = certificates;
        }
        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }
        return handler;
    }
}

/// <summary>Resolves service addresses from Aspire-style configuration (<c>services:&lt;name&gt;:&lt;endpoint&gt;:0</c>).</summary>
public static class ServiceAddress
{
    /// <summary>
    /// Resolves <paramref name="service"/>:
    /// <list type="bullet">
    /// <item>"party-registry" → <c>services:party-registry:grpc:0</c>;</item>
    /// <item>"http://_grpc.party-registry" (Aspire's named-endpoint form) → <c>services:party-registry:grpc:0</c>;</item>
    /// <item>"https+http://party-registry" → the first of <c>services:party-registry:https:0</c>, <c>…:http:0</c>
    /// that is set (schemes in order of preference), or "https://party-registry" → <c>…:https:0</c>;</item>
    /// <item>an absolute http(s) address whose host is not a configured service is used as it is.</item>
    /// </list>
    /// Throws <see cref="InvalidOperationException"/> naming the keys tried when nothing is configured.
    /// </summary>
    public static Uri Resolve(IConfiguration configuration, string service)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(service);
        var tried = new List<string>();
        var schemeSeparator = service.IndexOf("://", StringComparison.Ordinal);
        if (schemeSeparator < 0)
        {
            return Lookup(configuration, service, "grpc", tried) ?? throw NotFound(service, tried);
        }

        var schemes = service[..schemeSeparator].Split('+');
        var host = service[(schemeSeparator + 3)..].TrimEnd('/');
        if (host.StartsWith('_') && host.IndexOf('.') is var dot and > 1)
        {
            var endpoint = host[1..dot];
            return Lookup(configuration, host[(dot + 1)..], endpoint, tried) ?? throw NotFound(service, tried);
        }
        foreach (var scheme in schemes)
        {
            if (Lookup(configuration, host, scheme, tried) is { } uri)
            {
                return uri;
            }
        }
        if (schemes.Length == 1 && Uri.TryCreate(service, UriKind.Absolute, out var literal))
        {
            return literal;
        }
        throw NotFound(service, tried);
    }

    private static Uri? Lookup(IConfiguration configuration, string name, string endpoint, List<string> tried)
    {
        var key = $"services:{name}:{endpoint}:0";
        tried.Add(key);
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);
    }

    private static InvalidOperationException NotFound(string service, List<string> tried) =>
        new($"No address configured for gRPC service '{service}'; tried {string.Join(", ", tried)} " +
            $"(environment: {string.Join(", ", tried.Select(k => k.Replace(":", "__", StringComparison.Ordinal)))}).");
}
