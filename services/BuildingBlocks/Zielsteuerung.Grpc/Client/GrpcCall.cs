using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>
/// The client side of one call, for all four call types: request, response headers, messages, status,
/// trailers, deadline, cancellation, retries and telemetry. It is its own response reader and request writer.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>, IClientCallState
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly DateTime? _deadline;
    // Only calls that can be cancelled (deadline, token, streaming) pay for a token source.
    private readonly CancellationTokenSource? _cts;
    private readonly CancellationToken _token;
    // Response headers, changed only by compare-and-swap: null (not known, nobody asked), a TaskCompletionSource
    // (someone waits), then Metadata or RpcException (known, nobody asked yet) or a Task (known and handed out).
    // Most callers never ask, so a call allocates neither a task nor a lock for them.
    private object? _headers;
    private readonly bool _gzip;

    private byte[]? _requestFrame;
    private RequestStreamContent? _requestContent;
    private Task<bool>? _startTask;
    private HttpResponseMessage? _response;
    private Stream? _responseStream;
    private string? _responseEncoding;
    private byte[]? _frameHeader;
    private TResponse? _current;

    private int _finished;
    private Status? _status;
    private Metadata? _trailers;
    private Status? _cancelStatus;
    private int _writing;
    private bool _requestCompleted;

    private Activity? _activity;
    private long _startTimestamp;

    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _gzip = channel.Options.RequestCompression is GrpcProtocol.GzipEncoding;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            _deadline = deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline;
        }
        if (options.CancellationToken.CanBeCanceled)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        }
        else if (_deadline is not null || method.Type != MethodType.Unary)
        {
            _cts = new CancellationTokenSource();
        }
        _token = _cts?.Token ?? CancellationToken.None;
    }

    public Task<Metadata> GetResponseHeadersAsync()
    {
        while (true)
        {
            var state = Volatile.Read(ref _headers);
            Task<Metadata> task;
            object next;
            switch (state)
            {
                case Task<Metadata> handedOut:
                    return handedOut;
                case TaskCompletionSource<Metadata> waiting:
                    return waiting.Task;
                case Metadata headers:
                    next = task = Task.FromResult(headers);
                    break;
                case RpcException error:
                    next = task = Task.FromException<Metadata>(error);
                    break;
                default:
                    var source = new TaskCompletionSource<Metadata>(TaskCreationOptions.RunContinuationsAsynchronously);
                    task = source.Task;
                    next = source;
                    break;
            }
            if (Interlocked.CompareExchange(ref _headers, next, state) == state)
            {
                return task;
            }
        }
    }

    private void SetResponseHeaders(Metadata headers) => CompleteResponseHeaders(headers);

    private void FailResponseHeaders(RpcException error) => CompleteResponseHeaders(error);

    /// <summary>The first outcome (headers or error) wins; later ones are ignored.</summary>
    private void CompleteResponseHeaders(object outcome)
    {
        while (true)
        {
            var state = Volatile.Read(ref _headers);
            if (state is not (null or TaskCompletionSource<Metadata>))
            {
                return;
            }
            var waiting = state as TaskCompletionSource<Metadata>;
            if (Interlocked.CompareExchange(ref _headers, waiting?.Task ?? outcome, state) == state)
            {
                if (outcome is Metadata headers)
                {
                    waiting?.TrySetResult(headers);
                }
                else
                {
                    waiting?.TrySetException((RpcException)outcome);
                }
                return;
            }
        }
    }

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");

    // ---- the four call types ----

    public Task<TResponse> RunUnaryAsync(TRequest request)
    {
        StartTelemetry();
        try
        {
            PrepareRequest(request);
        }
        catch (Exception ex)
        {
            return Task.FromException<TResponse>(Fail(ex));
        }
        return RunSingleResponseAsync();
    }

    public void StartServerStreaming(TRequest request) => _startTask = StartStreamingAsync(request);

    public Task<TResponse> RunClientStreamingAsync()
    {
        StartTelemetry();
        try
        {
            _requestContent = new RequestStreamContent();
            ThrowIfDeadlinePassed();
        }
        catch (Exception ex)
        {
            return Task.FromException<TResponse>(Fail(ex));
        }
        return RunSingleResponseAsync();
    }

    public void StartDuplexStreaming()
    {
        _requestContent = new RequestStreamContent();
        _startTask = StartStreamingAsync(null);
    }

    private async Task<bool> StartStreamingAsync(TRequest? request)
    {
        StartTelemetry();
        try
        {
            if (request is not null)
            {
                PrepareRequest(request);
            }
            else
            {
                ThrowIfDeadlinePassed();
            }
            return await StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    // ---- response stream ----

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(new Status(StatusCode.Cancelled, "Call canceled by the client.")), this)
            : default;
        try
        {
            if (_status is { } finished)
            {
                return finished.StatusCode == StatusCode.OK ? false : throw FinishedException();
            }
            if (!await _startTask!.ConfigureAwait(false))
            {
                return _status!.Value.StatusCode == StatusCode.OK ? false : throw FinishedException();
            }
            var message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is null)
            {
                FinishFromTrailers();
                return _status!.Value.StatusCode == StatusCode.OK ? false : throw FinishedException();
            }
            _current = message;
            return true;
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    // ---- request stream ----

    public async Task WriteAsync(TRequest message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_status is { } status)
        {
            throw status.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : FinishedException();
        }
        if (_requestCompleted)
        {
            throw new InvalidOperationException("Can't write the message because the request stream is complete.");
        }
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
        try
        {
            var frame = GrpcFraming.SerializeToArray(message, _gzip, _channel.Options.MaxSendMessageSize);
            var stream = await _requestContent!.Stream.WaitAsync(_token).ConfigureAwait(false);
            await stream.WriteAsync(frame, _token).ConfigureAwait(false);
            await stream.FlushAsync(_token).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && _status is null)
        {
            throw Fail(ex);
        }
        catch (Exception ex)
        {
            if (_status is null && _token.IsCancellationRequested)
            {
                throw Fail(ex);
            }
            if (_status is { StatusCode: not StatusCode.OK })
            {
                throw FinishedException();
            }
            // The server may have ended the call; its status arrives with the response.
            throw new RpcException(new Status(StatusCode.Unavailable, "Error writing to the request stream: " + ex.Message, ex));
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        if (Volatile.Read(ref _writing) == 1)
        {
            throw new InvalidOperationException("Can't complete the request stream while a write is in progress.");
        }
        _requestCompleted = true;
        _requestContent?.Complete();
        return Task.CompletedTask;
    }

    // ---- lifetime ----

    public void Dispose()
    {
        if (Volatile.Read(ref _finished) == 0)
        {
            var disposed = new Status(StatusCode.Cancelled, "gRPC call disposed.");
            Cancel(disposed);
            Finish(_cancelStatus ?? disposed, Metadata.Empty);
        }
        _response?.Dispose();
    }

    private void Cancel(Status status)
    {
        if (Volatile.Read(ref _finished) != 0)
        {
            return;
        }
        _cancelStatus ??= status;
        try
        {
            _cts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    // ---- request ----

    private void PrepareRequest(TRequest request)
    {
        ThrowIfDeadlinePassed();
        _requestFrame = GrpcFraming.SerializeToArray(request, _gzip, _channel.Options.MaxSendMessageSize);
    }

    private void ThrowIfDeadlinePassed()
    {
        if (_deadline is { } deadline)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }
            _cts!.CancelAfter(remaining < MaxTimer ? remaining : MaxTimer);
        }
    }

    private HttpRequestMessage CreateRequest(int attempt)
    {
        HttpContent content = _requestFrame is { } frame ? CreateUnaryContent(frame) : _requestContent!;
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetRequestUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocol.UserAgentHeader, GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_gzip)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }
        if (_deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }
        if (attempt > 1)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.PreviousAttemptsHeader, (attempt - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (_options.Headers is { Count: > 0 } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
                }
            }
        }
        if ((_activity ?? Activity.Current) is { } context)
        {
            DistributedContextPropagator.Current.Inject(context, request, static (carrier, key, value) =>
            {
                var headers = ((HttpRequestMessage)carrier!).Headers;
                headers.Remove(key);
                headers.TryAddWithoutValidation(key, value);
            });
        }
        return request;
    }

    /// <summary>
    /// Sends the request (retrying when allowed) until response headers arrive. True: messages follow;
    /// false: the call is finished (trailers-only or HTTP error).
    /// </summary>
    private async Task<bool> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _channel.Invoker.SendAsync(CreateRequest(attempt), _token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!_token.IsCancellationRequested && ex is HttpRequestException or IOException && CanRetry(attempt, out var delay))
            {
                await Task.Delay(delay, _token).ConfigureAwait(false);
                continue;
            }
            switch (AcceptResponse(response, attempt, out var backoff))
            {
                case ResponseStart.Messages:
                    return true;
                case ResponseStart.Retry:
                    await Task.Delay(backoff, _token).ConfigureAwait(false);
                    continue;
                default:
                    return false;
            }
        }
    }

    private enum ResponseStart { Messages, Retry, Finished }

    /// <summary>
    /// Takes the response headers: messages follow, or the attempt failed with UNAVAILABLE and may be retried after
    /// <paramref name="backoff"/>, or the call is finished (trailers-only or HTTP error).
    /// </summary>
    private ResponseStart AcceptResponse(HttpResponseMessage response, int attempt, out TimeSpan backoff)
    {
        backoff = default;
        if (Volatile.Read(ref _finished) != 0)
        {
            // Disposed while the request was in flight (a call without a token source).
            response.Dispose();
            return ResponseStart.Finished;
        }
        var (status, metadata) = ReadResponseHeaders(response);
        if (status is null)
        {
            _response = response;
            _responseEncoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var encoding) ? encoding.ToString() : null;
            SetResponseHeaders(metadata);
            return ResponseStart.Messages;
        }
        if (status.Value.StatusCode == StatusCode.Unavailable && CanRetry(attempt, out backoff))
        {
            response.Dispose();
            return ResponseStart.Retry;
        }
        SetResponseHeaders(metadata);
        response.Dispose();
        if (status.Value.StatusCode == StatusCode.OK && _method.Type is MethodType.Unary or MethodType.ClientStreaming)
        {
            status = new Status(StatusCode.Internal, "Server returned OK without a response message.");
        }
        Finish(status.Value, metadata);
        return ResponseStart.Finished;
    }

    /// <summary>gRFC A6: exponential backoff with full jitter, only for idempotent calls whose request is buffered.</summary>
    private bool CanRetry(int attempt, out TimeSpan delay)
    {
        delay = default;
        var policy = _channel.Options.RetryPolicy;
        if (!_options.IsIdempotent || _requestFrame is null || attempt >= policy.MaxAttempts)
        {
            return false;
        }
        var ceiling = Math.Min(policy.InitialBackoff.Ticks * Math.Pow(policy.BackoffMultiplier, attempt - 1), policy.MaxBackoff.Ticks);
        delay = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
        return _deadline is not { } deadline || DateTime.UtcNow + delay < deadline;
    }

    // ---- response ----

    private static (Status? Status, Metadata Metadata) ReadResponseHeaders(HttpResponseMessage response)
    {
        var (grpcStatus, grpcMessage, metadata) = ReadStatusAndMetadata(response.Headers.NonValidated);

        // A grpc-status in the headers is a Trailers-Only response; it wins over the HTTP status.
        if (grpcStatus is not null)
        {
            return (ParseStatus(grpcStatus, grpcMessage), metadata ?? Metadata.Empty);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (HttpStatusMapping.ToStatus(response.StatusCode), metadata ?? Metadata.Empty);
        }
        var contentType = response.Content.Headers.NonValidated.TryGetValues(GrpcProtocol.ContentTypeHeader, out var values) ? values.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return (new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"), metadata ?? Metadata.Empty);
        }
        return (null, metadata ?? Metadata.Empty);
    }

    // Headers (Trailers-Only) and trailers carry the status the same way; everything not reserved is metadata.
    private static (string? GrpcStatus, string? GrpcMessage, Metadata? Metadata) ReadStatusAndMetadata(HttpHeadersNonValidated headers)
    {
        Metadata? metadata = null;
        string? grpcStatus = null;
        string? grpcMessage = null;
        foreach (var header in headers)
        {
            if (header.Key.Equals(GrpcProtocol.StatusHeader, StringComparison.OrdinalIgnoreCase))
            {
                grpcStatus = header.Value.ToString();
            }
            else if (header.Key.Equals(GrpcProtocol.MessageHeader, StringComparison.OrdinalIgnoreCase))
            {
                grpcMessage = header.Value.ToString();
            }
            else if (!GrpcProtocol.IsReservedHeader(header.Key))
            {
                foreach (var value in header.Value)
                {
                    MetadataEncoding.AddFromHeader(metadata ??= [], header.Key, value);
                }
            }
        }
        return (grpcStatus, grpcMessage, metadata);
    }

    internal static Status ParseStatus(string grpcStatus, string? grpcMessage)
    {
        var detail = grpcMessage is null ? "" : PercentEncoding.Decode(grpcMessage);
        return int.TryParse(grpcStatus, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{grpcStatus}'. {detail}".TrimEnd());
    }

    /// <summary>
    /// Unary and client streaming: sends the request (as <see cref="StartAsync"/>, inlined to save an async state
    /// machine per call), reads the whole body (exactly one message) into one pooled buffer, then the status.
    /// </summary>
    private async Task<TResponse> RunSingleResponseAsync()
    {
        byte[]? buffer = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    response = await _channel.Invoker.SendAsync(CreateRequest(attempt), _token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!_token.IsCancellationRequested && ex is HttpRequestException or IOException && CanRetry(attempt, out var delay))
                {
                    await Task.Delay(delay, _token).ConfigureAwait(false);
                    continue;
                }
                var start = AcceptResponse(response, attempt, out var backoff);
                if (start == ResponseStart.Retry)
                {
                    await Task.Delay(backoff, _token).ConfigureAwait(false);
                    continue;
                }
                if (start == ResponseStart.Finished)
                {
                    throw FinishedException();
                }
                break;
            }

            var stream = _responseStream = await _response!.Content.ReadAsStreamAsync(_token).ConfigureAwait(false);
            var maxSize = _channel.Options.MaxReceiveMessageSize;
            buffer = ArrayPool<byte>.Shared.Rent(1024);
            var length = 0;
            var frameEnd = -1;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(frameEnd > length ? frameEnd : buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), _token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (frameEnd < 0 && length >= GrpcProtocol.HeaderSize)
                {
                    frameEnd = GrpcProtocol.HeaderSize + (int)GrpcFraming.ReadHeader(buffer, maxSize, out _);
                }
                if (frameEnd >= 0 && length > frameEnd)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Received more than one message for a unary response."));
                }
            }

            TResponse? message = null;
            if (length > 0)
            {
                if (length < frameEnd || frameEnd < 0)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message in the response."));
                }
                var frame = new ReadOnlySequence<byte>(buffer, 0, length);
                GrpcFraming.TryReadFrame(ref frame, maxSize, out var compressed, out var payload);
                message = GrpcFraming.ParseMessage(_method.ResponseParser, payload, compressed, _responseEncoding, maxSize);
            }
            var (status, trailers) = ReadTrailers();
            if (status.StatusCode == StatusCode.OK && message is null)
            {
                status = new Status(StatusCode.Internal, "Server returned OK without a response message.");
            }
            Finish(status, trailers);
            return status.StatusCode == StatusCode.OK ? message! : throw FinishedException();
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async ValueTask<TResponse?> ReadMessageAsync()
    {
        var stream = _responseStream ??= await _response!.Content.ReadAsStreamAsync(_token).ConfigureAwait(false);
        var header = _frameHeader ??= new byte[GrpcProtocol.HeaderSize];
        var read = await stream.ReadAtLeastAsync(header, GrpcProtocol.HeaderSize, throwOnEndOfStream: false, _token).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }
        if (read < GrpcProtocol.HeaderSize)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message header in the response."));
        }
        var maxSize = _channel.Options.MaxReceiveMessageSize;
        var length = (int)GrpcFraming.ReadHeader(header, maxSize, out var compressed);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            try
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, length), _token).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message in the response."));
            }
            return compressed
                ? GrpcFraming.ParseMessage(_method.ResponseParser, new ReadOnlySequence<byte>(buffer, 0, length), true, _responseEncoding, maxSize)
                : _method.ResponseParser.ParseFrom(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void FinishFromTrailers()
    {
        var (status, trailers) = ReadTrailers();
        Finish(status, trailers);
    }

    private (Status Status, Metadata Trailers) ReadTrailers()
    {
        var (grpcStatus, grpcMessage, trailers) = ReadStatusAndMetadata(_response!.TrailingHeaders.NonValidated);
        // http-grpc-status-mapping.md: without grpc-status the HTTP status decides; 200 maps to UNKNOWN.
        var status = grpcStatus is null
            ? new Status(StatusCode.Unknown, "No grpc-status found on response.")
            : ParseStatus(grpcStatus, grpcMessage);
        return (status, trailers ?? Metadata.Empty);
    }

    // ---- completion ----

    private bool Finish(Status status, Metadata trailers)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return false;
        }
        if (status.StatusCode is not (StatusCode.OK or StatusCode.DeadlineExceeded) && _deadline is not null
            && _token.IsCancellationRequested && _cancelStatus is null && !_options.CancellationToken.IsCancellationRequested)
        {
            // Our deadline fired first; whatever the server answered to the reset (e.g. CANCELLED) came after it.
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        _trailers = trailers;
        _status = status;
        if (status.StatusCode != StatusCode.OK)
        {
            FailResponseHeaders(new RpcException(status, trailers));
            try
            {
                // Resets the HTTP/2 stream if it is still open.
                _cts?.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            _response?.Dispose();
        }
        else
        {
            SetResponseHeaders(Metadata.Empty);
            _response?.Dispose();
        }
        _requestContent?.Complete();
        _cts?.Dispose();
        GrpcTelemetry.Complete(_activity, GrpcTelemetry.ClientDuration, _startTimestamp, _method.ServiceName, _method.Name, status);
        return true;
    }

    private RpcException FinishedException() => new(_status!.Value, _trailers!);

    private RpcException Fail(Exception ex)
    {
        if (Volatile.Read(ref _finished) == 0)
        {
            Finish(ResolveStatus(ex), Metadata.Empty);
        }
        return ex is RpcException rpc && rpc.Status == _status ? rpc : FinishedException();
    }

    private Status ResolveStatus(Exception ex)
    {
        if (_token.IsCancellationRequested || ex is OperationCanceledException)
        {
            if (_cancelStatus is { } cancelled)
            {
                return cancelled;
            }
            if (_options.CancellationToken.IsCancellationRequested)
            {
                return new Status(StatusCode.Cancelled, "Call canceled by the client.", ex);
            }
            if (_deadline is not null)
            {
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", ex);
            }
        }
        if (ex is not RpcException && _deadline is { } deadline && DateTime.UtcNow >= deadline)
        {
            // Whatever broke at or after the deadline (e.g. the server's reset), the call ran out of time.
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", ex);
        }
        return ex switch
        {
            RpcException rpc => rpc.Status,
            InvalidProtocolBufferException => new Status(StatusCode.Internal, "Failed to deserialize response message.", ex),
            _ when FindProtocolError(ex) is { } protocol => new Status(Http2ErrorMapping.ToStatusCode(protocol.ErrorCode),
                $"HTTP/2 stream reset by the server (error code {protocol.ErrorCode}).", ex),
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, $"Error connecting to the server: {ex.Message}", ex),
            _ => new Status(StatusCode.Internal, $"Error in gRPC call: {ex.GetType().Name}: {ex.Message}", ex),
        };
    }

    private static HttpProtocolException? FindProtocolError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpProtocolException protocol)
            {
                return protocol;
            }
        }
        return null;
    }

    private void StartTelemetry()
    {
        _startTimestamp = GrpcTelemetry.StartTimestamp(GrpcTelemetry.ClientDuration);
        if (GrpcTelemetry.ActivitySource.HasListeners())
        {
            _activity = GrpcTelemetry.ActivitySource.StartActivity(_method.TraceName, ActivityKind.Client);
            if (_activity is { IsAllDataRequested: true })
            {
                GrpcTelemetry.SetStartTags(_activity, _method.ServiceName, _method.Name);
            }
        }
    }

    /// <summary>
    /// A buffered request message (unary and server streaming); created per attempt for retries. ByteArrayContent,
    /// unlike our own HttpContent types, tells SocketsHttpHandler that the request is not duplex: it then sends the
    /// body before awaiting the response headers instead of racing both (a Task.WhenAny per call).
    /// </summary>
    private static ByteArrayContent CreateUnaryContent(byte[] frame)
    {
        var content = new ByteArrayContent(frame);
        content.Headers.TryAddWithoutValidation(GrpcProtocol.ContentTypeHeader, GrpcProtocol.ContentType);
        return content;
    }

    /// <summary>A request body written message by message while the call runs; ends on CompleteAsync.</summary>
    private sealed class RequestStreamContent : HttpContent
    {
        private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RequestStreamContent() =>
            Headers.TryAddWithoutValidation(GrpcProtocol.ContentTypeHeader, GrpcProtocol.ContentType);

        public Task<Stream> Stream => _stream.Task;

        public void Complete()
        {
            _completed.TrySetResult();
            if (_stream.TrySetException(new InvalidOperationException("The call ended before its request stream started.")))
            {
                _stream.Task.Exception?.Handle(static _ => true);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _stream.TrySetResult(stream);
            return _completed.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
