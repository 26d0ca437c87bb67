using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

/// <summary>Behaviour seen through our client against our server; runs over real Kestrel and over TestServer.</summary>
public abstract class EndToEndTests(IServerFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private EchoClient Echo => new(fixture.Channel);
    private ProbeClient Probe => new(fixture.Channel.CreateCallInvoker());

    [Fact]
    public async Task Unary_call_answers_message_and_payload()
    {
        var response = await Echo.UnaryAsync(new EchoRequest { Message = "Hallo", Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal("Hallo", response.Message);
        Assert.Equal([1, 2, 3], response.Payload.ToByteArray());
    }

    [Fact]
    public async Task Unary_call_exposes_status_and_trailers_when_done()
    {
        using var call = Echo.UnaryAsync(new EchoRequest { Message = "x" });
        await call;

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("server-interceptor /zielsteuerung.testing.v1.Echo/Unary", call.GetTrailers().GetValue("x-server-interceptor"));
    }

    [Fact]
    public async Task Server_streaming_sends_each_response_then_ends()
    {
        using var call = Echo.ServerStream(new EchoRequest { Message = "s", Repeat = 5 });
        var indexes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal("s", response.Message);
            indexes.Add(response.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("server-interceptor /zielsteuerung.testing.v1.Echo/ServerStream", call.GetTrailers().GetValue("x-server-interceptor"));
    }

    [Fact]
    public async Task Client_streaming_joins_all_requests()
    {
        using var call = Echo.ClientStream();
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "a", Payload = ByteString.CopyFrom(1) });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "b", Payload = ByteString.CopyFrom(2) });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "c" });
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal("a,b,c", response.Message);
        Assert.Equal([1, 2], response.Payload.ToByteArray());
        Assert.Equal(3, response.Index);
    }

    [Fact]
    public async Task Duplex_streaming_answers_each_request_as_it_arrives()
    {
        using var call = Echo.DuplexStream();
        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"ping {i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"ping {i}", call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Error_status_with_unicode_message_and_details_reaches_the_client_unchanged()
    {
        const string message = "Größe ungültig: 100% ✓ 🚀\nzweite Zeile";
        var error = new ErrorToRaise { Code = (int)StatusCode.InvalidArgument, Message = message, FieldViolation = "zu lang" };

        var ex = await Assert.ThrowsAsync<RpcException>(() => Echo.UnaryAsync(new EchoRequest { Error = error }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
        var details = Google.Rpc.Status.Parser.ParseFrom(ex.Trailers.GetValueBytes("grpc-status-details-bin"));
        Assert.Equal(message, details.Message);
        Assert.Equal("zu lang", details.Details[0].Unpack<BadRequest>().FieldViolations[0].Description);
    }

    [Fact]
    public async Task Error_after_streamed_messages_arrives_with_the_trailers()
    {
        using var call = Echo.ServerStream(new EchoRequest { Repeat = 2, Error = new ErrorToRaise { Code = (int)StatusCode.Aborted, Message = "halt" } });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("halt", ex.Status.Detail);
        Assert.Equal(StatusCode.Aborted, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Metadata_travels_in_request_headers_response_headers_and_trailers()
    {
        byte[] binary = [0, 1, 2, 250, 251, 252, 253];
        var headers = new Metadata { { "x-echo-text", "Wert 1" }, { "x-echo-data-bin", binary }, { "X-Echo-Upper", "u" } };

        using var call = Echo.UnaryAsync(new EchoRequest { EchoMetadata = true }, new CallOptions(headers));
        var responseHeaders = await call.ResponseHeadersAsync;
        await call;
        var trailers = call.GetTrailers();

        Assert.Equal("Wert 1", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("u", responseHeaders.GetValue("x-echo-upper"));
        Assert.Equal("Wert 1", trailers.GetValue("x-echo-trailer-text"));
        Assert.Equal(binary, trailers.GetValueBytes("x-echo-trailer-data-bin"));
    }

    [Fact]
    public async Task Protocol_headers_are_never_exposed_as_metadata()
    {
        using var call = Echo.UnaryAsync(new EchoRequest { EchoMetadata = true }, new CallOptions(new Metadata { { "x-echo-a", "1" } }, DateTime.UtcNow.AddMinutes(1)));
        var responseHeaders = await call.ResponseHeadersAsync;
        await call;
        var seenByServer = (await Probe.Headers(new CallOptions(deadline: DateTime.UtcNow.AddMinutes(1)))).Value;

        string[] reserved = ["date", "server", "content-type", "grpc-encoding", "grpc-accept-encoding", "grpc-status", "grpc-message", ":status"];
        foreach (var name in reserved)
        {
            Assert.Null(responseHeaders.Get(name));
            Assert.Null(call.GetTrailers().Get(name));
        }
        foreach (var name in new[] { "te", "content-type", "grpc-timeout", "grpc-accept-encoding", ":path", ":authority", "host" })
        {
            Assert.DoesNotContain($"\n{name}=", "\n" + seenByServer);
        }
    }

    [Fact]
    public async Task Deadline_ends_the_call_even_if_the_handler_ignores_cancellation()
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Probe.SleepIgnoringCancellation(TimeSpan.FromSeconds(5), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3.5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Deadline_in_the_past_fails_without_a_call()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Echo.UnaryAsync(new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Deadline_of_a_streaming_call_is_enforced()
    {
        using var call = Echo.ServerStream(new EchoRequest { Repeat = 100, DelayMs = 100 }, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(350)));

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_cancels_the_server_handler()
    {
        var state = fixture.Services.GetRequiredService<ProbeState>();
        var key = Guid.NewGuid().ToString();
        using var cts = new CancellationTokenSource();

        var call = Probe.AwaitCancellation(key, new CallOptions(cancellationToken: cts.Token));
        await state.StartedFor(key).Task.WaitAsync(Patience);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await state.CancelledFor(key).Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Disposing_a_streaming_call_cancels_it_on_both_sides()
    {
        var call = Echo.DuplexStream();
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "1" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        call.Dispose();

        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Four_megabyte_messages_round_trip()
    {
        var payload = new byte[4 * 1024 * 1024 - 64];
        Random.Shared.NextBytes(payload);

        var response = await Echo.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) });

        Assert.Equal(payload, response.Payload.ToByteArray());
    }

    [Fact]
    public async Task Request_over_the_server_limit_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Echo.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024 + 1]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("vs. 4194304", ex.Status.Detail);
    }

    [Fact]
    public async Task Response_over_the_client_limit_is_resource_exhausted()
    {
        var channel = fixture.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new EchoClient(channel).UnaryAsync(new EchoRequest { ResponseSize = 2000 }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("Received message larger than max (2003 vs. 1000)", ex.Status.Detail);
    }

    [Fact]
    public async Task Request_over_the_client_send_limit_fails_before_sending()
    {
        var channel = fixture.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.StartsWith("Sent message larger than max (", ex.Status.Detail);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood()
    {
        var channel = fixture.CreateChannel(new GrpcChannelOptions { RequestCompression = "gzip" });
        var payload = new byte[100_000];
        Array.Fill(payload, (byte)'z');

        var response = await new EchoClient(channel).UnaryAsync(new EchoRequest { Message = "gz", Payload = ByteString.CopyFrom(payload) });
        using var stream = new EchoClient(channel).ClientStream();
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "a" });
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "b" });
        await stream.RequestStream.CompleteAsync();

        Assert.Equal(payload, response.Payload.ToByteArray());
        Assert.Equal("a,b", (await stream).Message);
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        var invoker = fixture.Channel.CreateCallInvoker();
        var unknownMethod = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "zielsteuerung.testing.v1.Echo", "Missing");
        var unknownService = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "nowhere.v1.Nothing", "Missing");

        var methodEx = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unknownMethod, null, default, new EchoRequest()).ResponseAsync);
        var serviceEx = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unknownService, null, default, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, methodEx.StatusCode);
        Assert.Contains("Missing", methodEx.Status.Detail);
        Assert.Equal(StatusCode.Unimplemented, serviceEx.StatusCode);
        Assert.Contains("nowhere.v1.Nothing", serviceEx.Status.Detail);
    }

    [Fact]
    public async Task Unhandled_exception_is_unknown_without_its_details()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Probe.Throw("geheim: connection string").ResponseAsync);

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
    }

    [Fact]
    public async Task Client_interceptor_sees_and_changes_the_call()
    {
        var interceptor = new HeaderAddingInterceptor();
        var client = new EchoClient(fixture.Channel.Intercept(interceptor));

        using var call = client.UnaryAsync(new EchoRequest { EchoMetadata = true });
        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("added", headers.GetValue("x-echo-interceptor"));
        Assert.Equal(["/zielsteuerung.testing.v1.Echo/Unary"], interceptor.Seen);
    }

    [Fact]
    public async Task Idempotent_call_is_retried_after_unavailable()
    {
        var response = await Probe.Flaky(Guid.NewGuid().ToString(), new CallOptions { IsIdempotent = true });

        Assert.Equal(2, response.Value);
    }

    [Fact]
    public async Task Call_not_marked_idempotent_is_not_retried()
    {
        var key = Guid.NewGuid().ToString();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Probe.Flaky(key).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(1, fixture.Services.GetRequiredService<ProbeState>().FlakyCalls[key]);
    }

    [Fact]
    public async Task Http_error_without_grpc_status_maps_to_a_grpc_code()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "plain.Http", "ServiceUnavailable");

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("503", ex.Status.Detail);
    }

    [Fact]
    public async Task Blocking_unary_call_works()
    {
        var response = await Task.Run(() => fixture.Channel.CreateCallInvoker().BlockingUnaryCall(EchoClient.UnaryMethod, null, default, new EchoRequest { Message = "b" }));

        Assert.Equal("b", response.Message);
    }

    private sealed class HeaderAddingInterceptor : Interceptor
    {
        public List<string> Seen { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            Seen.Add(context.Method.FullName);
            var headers = new Metadata { { "x-echo-interceptor", "added" } };
            return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers)));
        }
    }
}

public sealed class KestrelEndToEndTests(KestrelServerFixture fixture) : EndToEndTests(fixture), IClassFixture<KestrelServerFixture>;

public sealed class TestServerEndToEndTests(TestServerFixture fixture) : EndToEndTests(fixture), IClassFixture<TestServerFixture>;
