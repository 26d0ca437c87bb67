using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Zielsteuerung.Grpc.Internal;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

/// <summary>
/// The server side of one call: context, request reader and response writer in one object. All response
/// writes and the final status go through here; with a deadline they are serialized with the deadline timer.
/// </summary>
internal sealed class ServerCall<TRequest, TResponse> : ServerCallContext, IServerCallHttpContext, IDeadlineTarget,
    IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly HttpContext _http;
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServerSettings _settings;
    private readonly long _startTimestamp = GrpcTelemetry.StartTimestamp(GrpcTelemetry.ServerDuration);

    private ServerCallDeadline? _deadline;
    private CancellationToken _token;
    private bool _gzipResponse;
    private Status _status = Status.DefaultSuccess;
    private TRequest? _current;
    private TResponse? _response;
    private bool _responseStarted;
    private bool _completed;
    // What most calls never need lives apart, so that the per-call object stays small.
    private RareState? _rare;

    private sealed class RareState
    {
        public string? RequestEncoding;
        public Metadata? RequestHeaders;
        public Metadata? ResponseTrailers;
        public string? Peer;
        public Activity? Activity;
    }

    private RareState Rare => _rare ?? Interlocked.CompareExchange(ref _rare, new RareState(), null) ?? _rare;

    // Response writes, the status and the deadline timer are serialized only when there is a deadline.
    private SemaphoreSlim? Gate => _deadline?.Gate;

    public ServerCall(HttpContext http, Method<TRequest, TResponse> method, ServerSettings settings)
    {
        _http = http;
        _method = method;
        _settings = settings;
    }

    public HttpContext HttpContext => _http;

    public override string Method => _method.FullName;
    public override string Host => _http.Request.Host.Value ?? "";
    public override string Peer => Rare.Peer ??= FormatPeer(_http.Connection);
    public override DateTime Deadline => _deadline?.DeadlineUtc ?? DateTime.MaxValue;
    public override CancellationToken CancellationToken => _token;
    public override Metadata RequestHeaders => Rare.RequestHeaders ??= ReadRequestHeaders();
    public override Metadata ResponseTrailers => Rare.ResponseTrailers ??= [];
    public override Status Status { get => _status; set => _status = value; }

    /// <summary>Reads the call headers; false if the call was already answered (unsupported encoding).</summary>
    public bool Initialize()
    {
        StartTelemetry();
        // Messages are limited by MaxReceiveMessageSize, and streams may idle: Kestrel's body limits do not fit gRPC.
        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = null;
        }
        if (_http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        var headers = _http.Request.Headers;
        var response = _http.Response;
        var encoding = headers[GrpcProtocol.EncodingHeader];
        if (encoding.Count > 0)
        {
            var requestEncoding = Rare.RequestEncoding = encoding.ToString();
            if (!requestEncoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase)
                && !requestEncoding.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
            {
                // PROTOCOL-HTTP2.md: an unsupported message encoding is UNIMPLEMENTED, with the encodings we accept.
                response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
                _status = new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{requestEncoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}");
                ServerProtocol.WriteTrailersOnly(response, _status);
                _completed = true;
                return false;
            }
        }

        var timeout = headers[GrpcProtocol.TimeoutHeader];
        if (timeout.Count > 0 && GrpcTimeout.TryParse(timeout.ToString(), out var span))
        {
            _deadline = new ServerCallDeadline(span, _http.RequestAborted, this);
            _token = _deadline.Token;
        }
        else
        {
            _token = _http.RequestAborted;
        }

        response.ContentType = GrpcProtocol.ContentType;
        if (_settings.GzipResponses && ServerProtocol.ContainsToken(headers[GrpcProtocol.AcceptEncodingHeader].ToString(), GrpcProtocol.GzipEncoding))
        {
            _gzipResponse = true;
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.GzipEncoding;
        }
        if (_rare?.RequestEncoding is not null)
        {
            // Tell a compressing client what we accept (optional in the spec; skipped otherwise to save a header).
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        }
        return true;
    }

    // ---- request ----

    public TRequest Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        _current = await ReadMessageAsync(cancellationToken.CanBeCanceled ? cancellationToken : _token).ConfigureAwait(false);
        return _current is not null;
    }

    /// <summary>
    /// Reads the one request message of a unary or server-streaming call and the end of the request stream. Usually
    /// the message's DATA frame carries END_STREAM, so one ReadAsync/AdvanceTo does it all.
    /// </summary>
    public async ValueTask<TRequest> ReadSingleRequestAsync()
    {
        var reader = _http.Request.BodyReader;
        TRequest? request = null;
        while (true)
        {
            var result = await reader.ReadAsync(_token).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (request is null && GrpcFraming.TryReadFrame(ref buffer, _settings.MaxReceiveMessageSize, out var compressed, out var payload))
                {
                    request = GrpcFraming.ParseMessage(_method.RequestParser, payload, compressed, _rare?.RequestEncoding, _settings.MaxReceiveMessageSize);
                }
                if (request is not null && GrpcFraming.TryReadFrame(ref buffer, _settings.MaxReceiveMessageSize, out _, out _))
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
                }
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length > 0)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message in the request."));
                }
                return request ?? throw new RpcException(new Status(StatusCode.Internal, "Request did not include a message."));
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async ValueTask<TRequest?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var reader = _http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            ReadOnlySequence<byte> payload;
            bool compressed;
            try
            {
                if (GrpcFraming.TryReadFrame(ref buffer, _settings.MaxReceiveMessageSize, out compressed, out payload))
                {
                    var message = GrpcFraming.ParseMessage(_method.RequestParser, payload, compressed, _rare?.RequestEncoding, _settings.MaxReceiveMessageSize);
                    reader.AdvanceTo(buffer.Start);
                    return message;
                }
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length > 0)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message in the request."));
                }
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // ---- response ----

    public void SetResponse(TResponse response) =>
        _response = response ?? throw new InvalidOperationException("The handler returned no response message (null).");

    public async Task WriteAsync(TResponse message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Gate is not null)
        {
            await Gate.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }
            GrpcFraming.WriteMessage(_http.Response.BodyWriter, message, _gzipResponse, _settings.MaxSendMessageSize);
            _responseStarted = true;
            await _http.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            Gate?.Release();
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (Gate is not null)
        {
            await Gate.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_responseStarted || _completed)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before the first message.");
            }
            AppendMetadata(_http.Response.Headers, responseHeaders);
            _responseStarted = true;
            await _http.Response.StartAsync().ConfigureAwait(false);
            await _http.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            Gate?.Release();
        }
    }

    /// <summary>Sends the unary response (if any) and the status; <paramref name="error"/> is what the handler threw.</summary>
    public async Task EndCallAsync(Exception? error)
    {
        if (error is not null)
        {
            _response = null;
            HandleError(error);
        }
        if (Gate is not null)
        {
            await Gate.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_completed)
            {
                return;
            }
            if (_deadline is { Expired: true })
            {
                _response = null;
                _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }
            if (_response is not null && _status.StatusCode == StatusCode.OK)
            {
                try
                {
                    GrpcFraming.WriteMessage(_http.Response.BodyWriter, _response, _gzipResponse, _settings.MaxSendMessageSize);
                    _responseStarted = true;
                }
                catch (RpcException ex)
                {
                    _status = ex.Status;
                }
            }
            WriteStatus();
        }
        finally
        {
            Gate?.Release();
        }
    }

    async Task IDeadlineTarget.DeadlineExceededAsync()
    {
        await Gate!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }
            _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            WriteStatus();
            await _http.Response.CompleteAsync().ConfigureAwait(false);
            // The answer is out; reset the stream so that the client stops sending (grpc-dotnet does the same).
            // Without a reset feature (TestServer) the completed response is enough: aborting could overtake it.
            _http.Features.Get<IHttpResetFeature>()?.Reset(0x8); // CANCEL
        }
        catch (Exception ex)
        {
            _settings.Logger?.LogDebug(ex, "Could not complete gRPC call {Method} at its deadline.", _method.FullName);
        }
        finally
        {
            Gate.Release();
        }
    }

    private void HandleError(Exception error)
    {
        if (error is RpcException rpc)
        {
            _status = rpc.Status;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }
            return;
        }
        if (_deadline is { Expired: true })
        {
            _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            return;
        }
        if (_http.RequestAborted.IsCancellationRequested)
        {
            _status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
            return;
        }
        _settings.Logger?.LogError(error, "Error when executing gRPC method {Method}.", _method.FullName);
        _status = new Status(StatusCode.Unknown, _settings.EnableDetailedErrors
            ? $"Exception was thrown by handler. {error.GetType().Name}: {error.Message}"
            : "Exception was thrown by handler.");
    }

    /// <summary>Puts the status and trailers in the trailers, or in the headers if nothing was sent yet (Trailers-Only).</summary>
    private void WriteStatus()
    {
        _completed = true;
        IHeaderDictionary target;
        if (!_responseStarted && !_http.Response.HasStarted)
        {
            target = _http.Response.Headers;
        }
        else
        {
            target = _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("The HTTP transport does not support trailers.");
        }
        target[GrpcProtocol.StatusHeader] = ServerProtocol.ToHeaderValue(_status.StatusCode);
        if (_status.Detail.Length > 0)
        {
            target[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(_status.Detail);
        }
        if (_rare?.ResponseTrailers is { Count: > 0 } trailers)
        {
            AppendMetadata(target, trailers);
        }
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in _http.Request.Headers)
        {
            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }
                try
                {
                    MetadataEncoding.AddFromHeader(metadata, header.Key, value);
                }
                catch (FormatException)
                {
                    _settings.Logger?.LogDebug("Ignoring request header {Header}: invalid base64.", header.Key);
                }
            }
        }
        return metadata;
    }

    /// <summary>Ends telemetry and releases the deadline; after this nothing touches the HttpContext.</summary>
    public async ValueTask CompleteAsync()
    {
        if (Gate is not null)
        {
            await Gate.WaitAsync().ConfigureAwait(false);
            _completed = true;
            Gate.Release();
        }
        _deadline?.Dispose();
        GrpcTelemetry.Complete(_rare?.Activity, GrpcTelemetry.ServerDuration, _startTimestamp, _method.ServiceName, _method.Name, _status);
    }

    private void StartTelemetry()
    {
        if (!GrpcTelemetry.ActivitySource.HasListeners())
        {
            return;
        }
        // ASP.NET Core's request activity (if any) already carries the caller's traceparent; otherwise read it here.
        ActivityContext parent = default;
        if (Activity.Current is null)
        {
            DistributedContextPropagator.Current.ExtractTraceIdAndState(_http.Request.Headers, static (carrier, name, out value, out values) =>
            {
                values = null;
                value = ((IHeaderDictionary)carrier!)[name].ToString() is { Length: > 0 } v ? v : null;
            }, out var traceParent, out var traceState);
            ActivityContext.TryParse(traceParent, traceState, isRemote: true, out parent);
        }
        if (GrpcTelemetry.ActivitySource.StartActivity(_method.TraceName, ActivityKind.Server, parent) is not { } activity)
        {
            return;
        }
        Rare.Activity = activity;
        if (activity.IsAllDataRequested)
        {
            GrpcTelemetry.SetStartTags(activity, _method.ServiceName, _method.Name);
        }
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }
}
