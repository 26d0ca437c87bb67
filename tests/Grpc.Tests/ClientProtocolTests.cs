using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Zielsteuerung.Grpc.Internal;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

/// <summary>How our client reads responses, against a scripted HTTP handler (no server).</summary>
public sealed class ClientProtocolTests
{
    private static byte[] Framed(EchoResponse message)
    {
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, message, gzip: false, maxSendSize: null);
        return writer.WrittenSpan.ToArray();
    }

    private static (EchoClient Client, ScriptedHandler Handler) Client(Func<HttpRequestMessage, HttpResponseMessage> respond, GrpcChannelOptions? options = null)
    {
        var handler = new ScriptedHandler(respond);
        options ??= new GrpcChannelOptions();
        options.HttpHandler = handler;
        return (new EchoClient(GrpcChannel.ForAddress("http://scripted", options)), handler);
    }

    private static HttpResponseMessage GrpcResponse(byte[] body, params (string Name, string Value)[] trailers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new StreamContent(new TrickleStream(body)) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        foreach (var (name, value) in trailers)
        {
            response.TrailingHeaders.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    [Fact]
    public async Task Request_carries_the_protocol_headers()
    {
        var (client, handler) = Client(_ => GrpcResponse(Framed(new EchoResponse()), ("grpc-status", "0")));

        await client.UnaryAsync(new EchoRequest(), new CallOptions(new Metadata { { "x-custom", "1" } }, DateTime.UtcNow.AddSeconds(30)));

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/zielsteuerung.testing.v1.Echo/Unary", request.RequestUri!.AbsolutePath);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, request.VersionPolicy);
        Assert.Equal("trailers", Assert.Single(request.Headers.GetValues("te")));
        Assert.StartsWith("grpc-dotnet-zielsteuerung/", Assert.Single(request.Headers.GetValues("user-agent")));
        Assert.Equal("application/grpc", request.Content!.Headers.GetValues("content-type").Single());
        Assert.Equal("1", request.Headers.GetValues("x-custom").Single());
        Assert.True(GrpcTimeout.TryParse(request.Headers.GetValues("grpc-timeout").Single(), out var timeout));
        Assert.InRange(timeout, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Response_read_one_byte_at_a_time_is_reassembled()
    {
        var body = Framed(new EchoResponse { Message = "a", Index = 0 }).Concat(Framed(new EchoResponse { Message = "b", Index = 1 })).ToArray();
        var (client, _) = Client(_ => GrpcResponse(body, ("grpc-status", "0")));

        using var call = client.ServerStream(new EchoRequest());
        var messages = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(response.Message);
        }

        Assert.Equal(["a", "b"], messages);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    public async Task Http_error_without_grpc_status_is_mapped(HttpStatusCode http, StatusCode expected)
    {
        var (client, _) = Client(_ => new HttpResponseMessage(http) { Content = new StringContent("<html>proxy</html>") });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(expected, ex.StatusCode);
    }

    [Fact]
    public async Task Grpc_status_in_the_headers_wins_over_the_http_status()
    {
        var (client, _) = Client(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]) };
            response.Headers.TryAddWithoutValidation("grpc-status", "7");
            response.Headers.TryAddWithoutValidation("grpc-message", "nicht erlaubt: %C3%BC");
            return response;
        });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("nicht erlaubt: ü", ex.Status.Detail);
    }

    [Fact]
    public async Task Trailers_only_response_carries_status_and_metadata_in_headers()
    {
        var (client, _) = Client(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            response.Headers.TryAddWithoutValidation("grpc-status", "5");
            response.Headers.TryAddWithoutValidation("x-reason", "gone");
            return response;
        });

        using var call = client.UnaryAsync(new EchoRequest());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("gone", ex.Trailers.GetValue("x-reason"));
        Assert.Equal("gone", call.GetTrailers().GetValue("x-reason"));
    }

    [Fact]
    public async Task Missing_grpc_status_after_the_body_is_unknown()
    {
        var (client, _) = Client(_ => GrpcResponse(Framed(new EchoResponse())));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
    }

    [Fact]
    public async Task Foreign_content_type_is_internal()
    {
        var (client, _) = Client(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("hello") });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Ok_without_a_message_for_a_unary_call_is_internal()
    {
        var (client, _) = Client(_ => GrpcResponse([], ("grpc-status", "0")));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Two_messages_for_a_unary_call_is_internal()
    {
        var body = Framed(new EchoResponse()).Concat(Framed(new EchoResponse())).ToArray();
        var (client, _) = Client(_ => GrpcResponse(body, ("grpc-status", "0")));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Gzip_response_messages_are_decompressed()
    {
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, new EchoResponse { Message = new string('g', 5000) }, gzip: true, maxSendSize: null);
        var (client, handler) = Client(_ =>
        {
            var response = GrpcResponse(writer.WrittenSpan.ToArray(), ("grpc-status", "0"));
            response.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
            return response;
        });

        var result = await client.UnaryAsync(new EchoRequest());

        Assert.Equal(5000, result.Message.Length);
        Assert.Contains("gzip", handler.Requests.Single().Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Unreachable_server_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var ex = await Assert.ThrowsAsync<RpcException>(() => new EchoClient(channel).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Idempotent_calls_retry_connection_failures_with_backoff_then_give_up()
    {
        var options = new GrpcChannelOptions { RetryPolicy = new RetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(1) } };
        var (client, handler) = Client(_ => throw new HttpRequestException("connection refused"), options);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest(), new CallOptions { IsIdempotent = true }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal("3", handler.Requests[3].Headers.GetValues("grpc-previous-rpc-attempts").Single());
    }

    [Fact]
    public async Task Failures_after_response_headers_are_not_retried()
    {
        var (client, handler) = Client(_ => GrpcResponse([], ("grpc-status", "14")));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest(), new CallOptions { IsIdempotent = true }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Client_streaming_calls_are_never_retried()
    {
        var (client, handler) = Client(_ => throw new HttpRequestException("connection refused"));

        using var call = client.ClientStream(new CallOptions { IsIdempotent = true });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Status_and_trailers_are_unavailable_while_the_call_runs()
    {
        var gate = new TaskCompletionSource();
        var handler = new ScriptedHandler(async _ =>
        {
            await gate.Task;
            return GrpcResponse(Framed(new EchoResponse()), ("grpc-status", "0"));
        });
        var client = new EchoClient(GrpcChannel.ForAddress("http://scripted", new GrpcChannelOptions { HttpHandler = handler }));

        using var call = client.UnaryAsync(new EchoRequest());

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        gate.SetResult();
        await call;
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_is_enforced_by_the_client_when_the_server_never_answers()
    {
        var handler = new ScriptedHandler(async request =>
        {
            await Task.Delay(Timeout.Infinite, request.Options.TryGetValue(ScriptedHandler.Token, out var token) ? token : default);
            throw new InvalidOperationException("unreachable");
        });
        var client = new EchoClient(GrpcChannel.ForAddress("http://scripted", new GrpcChannelOptions { HttpHandler = handler }));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_http_request_and_ends_with_cancelled()
    {
        var started = new TaskCompletionSource();
        var transportCancelled = new TaskCompletionSource();
        var handler = new ScriptedHandler(async request =>
        {
            request.Options.TryGetValue(ScriptedHandler.Token, out var token);
            token.Register(() => transportCancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var client = new EchoClient(GrpcChannel.ForAddress("http://scripted", new GrpcChannelOptions { HttpHandler = handler }));
        using var cts = new CancellationTokenSource();

        var call = client.UnaryAsync(new EchoRequest(), new CallOptions(cancellationToken: cts.Token));
        await started.Task;
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await transportCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> _respond;

        public ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = r => Task.FromResult(respond(r));
        public ScriptedHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) => _respond = respond;

        public List<HttpRequestMessage> Requests { get; } = [];

        /// <summary>The transport's cancellation token, handed to the script through the request's options.</summary>
        public static readonly HttpRequestOptionsKey<CancellationToken> Token = new("token");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(Token, cancellationToken);
            lock (Requests)
            {
                Requests.Add(request);
            }
            if (request.Content is not null)
            {
                // Consume the body as a transport would (client streaming ends when the call does).
                _ = request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }
            var response = await _respond(request);
            response.RequestMessage = request;
            return response;
        }
    }

    /// <summary>A response body that gives out one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
