using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Health.V1;
using Zielsteuerung.Grpc.Interop.Tests.Infrastructure;
using Zielsteuerung.Testing.V1;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Zielsteuerung.Grpc.Interop.Tests;

/// <summary>
/// Our client (GrpcChannel + CallInvoker) calls an Echo server we did not write (python grpcio, @grpc/grpc-js),
/// started once per test class from tests/interop/*/echo[-_]server.*.
/// </summary>
public abstract class OurClientToTheirServerTests(PeerServerFixture fixture) : IDisposable
{
    private static readonly TimeSpan ObservationTimeout = TimeSpan.FromSeconds(5);
    private static readonly ServiceDescriptor Echo = EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo");
    protected static readonly Method<EchoRequest, EchoResponse> Unary = Create("Unary");
    private static readonly Method<EchoRequest, EchoResponse> ServerStream = Create("ServerStream");
    private static readonly Method<EchoRequest, EchoResponse> ClientStream = Create("ClientStream");
    private static readonly Method<EchoRequest, EchoResponse> DuplexStream = Create("DuplexStream");

    private readonly string _testId = $"{fixture.Server.Peer.Name}:{Guid.NewGuid():N}";
    private readonly List<GrpcChannel> _channels = [];

    protected PeerServer Server => fixture.Server;

    private static Method<EchoRequest, EchoResponse> Create(string name) =>
        Method.Create<EchoRequest, EchoResponse>(Echo.FindMethodByName(name));

    protected CallInvoker Invoker(Uri? address = null, GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(address ?? Server.Address, options);
        _channels.Add(channel);
        return channel.CreateCallInvoker();
    }

    protected CallOptions Options(DateTime? deadline = null, CancellationToken cancellationToken = default, Metadata? headers = null)
    {
        headers ??= [];
        headers.Add(Expected.TestIdHeader, _testId);
        return new CallOptions(headers, deadline ?? DateTime.UtcNow.AddSeconds(20), cancellationToken);
    }

    private static EchoRequest Failing(int code, string message, string fieldViolation = "") =>
        new() { Message = "fehler", Error = new ErrorToRaise { Code = code, Message = message, FieldViolation = fieldViolation } };

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unary_call_echoes_message_and_payload()
    {
        var payload = ByteString.CopyFrom(Expected.Pattern(1024));

        var response = await Invoker().AsyncUnaryCall(Unary, null, Options(), new EchoRequest { Message = "hallo Welt", Payload = payload });

        Assert.Equal(new EchoResponse { Message = "hallo Welt", Payload = payload }, response);
    }

    [Fact]
    public async Task Server_streaming_call_receives_every_response_in_order()
    {
        using var call = Invoker().AsyncServerStreamingCall(ServerStream, null, Options(), new EchoRequest { Message = "strom", Repeat = 3 });

        var indexes = await call.ResponseStream.ReadAllAsync().Select(r => r.Index).ToListAsync();

        Assert.Equal([0, 1, 2], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_call_is_answered_after_all_requests()
    {
        using var call = Invoker().AsyncClientStreamingCall(ClientStream, null, Options());
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "a", Payload = ByteString.CopyFrom(1) });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "b", Payload = ByteString.CopyFrom(2, 3) });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "c" });
        await call.RequestStream.CompleteAsync();

        Assert.Equal(new EchoResponse { Message = "a,b,c", Payload = ByteString.CopyFrom(1, 2, 3), Index = 3 }, await call.ResponseAsync);
    }

    [Fact]
    public async Task Duplex_call_answers_each_request_before_the_next_is_sent()
    {
        using var call = Invoker().AsyncDuplexStreamingCall(DuplexStream, null, Options());

        foreach (var (message, index) in new[] { ("eins", 0), ("zwei", 1), ("drei", 2) })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = message });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(new EchoResponse { Message = message, Index = index }, call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Error_arrives_with_its_code_and_unicode_message()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker().AsyncUnaryCall(Unary, null, Options(), Failing(9, Expected.UnicodeMessage)));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(Expected.UnicodeMessage, e.Status.Detail);
    }

    [Fact]
    public async Task Rich_error_details_are_read_from_grpc_status_details_bin()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker().AsyncUnaryCall(Unary, null, Options(), Failing(3, "Ungültige Anfrage", "darf nicht leer sein — ✗")));

        var status = Assert.IsType<Google.Rpc.Status>(e.GetRpcStatus());
        Assert.Equal((3, "Ungültige Anfrage"), (status.Code, status.Message));
        var violation = Assert.Single(Assert.IsType<BadRequest>(status.GetDetail<BadRequest>()).FieldViolations);
        Assert.Equal(("message", "darf nicht leer sein — ✗"), (violation.Field, violation.Description));
    }

    [Fact]
    public async Task Error_after_streamed_responses_ends_the_stream()
    {
        var request = Failing(10, "abgebrochen nach 2 — ✓");
        request.Repeat = 2;
        using var call = Invoker().AsyncServerStreamingCall(ServerStream, null, Options(), request);

        var received = new List<int>();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                received.Add(response.Index);
            }
        });

        Assert.Equal([0, 1], received);
        Assert.Equal((StatusCode.Aborted, "abgebrochen nach 2 — ✓"), (e.StatusCode, e.Status.Detail));
    }

    [Fact]
    public async Task Deadline_ends_the_call_with_deadline_exceeded_and_the_server_sees_it()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker().AsyncUnaryCall(Unary, null, Options(deadline: DateTime.UtcNow.AddMilliseconds(500)),
                new EchoRequest { Message = "zu spät", DelayMs = 5000 }));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.NotNull(await Server.WaitForCancellationAsync(_testId, ObservationTimeout));
    }

    [Fact]
    public async Task Cancelling_a_stream_mid_way_cancels_it_on_the_server()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Invoker().AsyncServerStreamingCall(ServerStream, null, Options(cancellationToken: cancellation.Token),
            new EchoRequest { Message = "endlos", Repeat = 1000, DelayMs = 20 });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cancellation.CancelAsync();
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.NotNull(await Server.WaitForCancellationAsync(_testId, ObservationTimeout));
    }

    [Fact]
    public async Task Ascii_and_binary_metadata_come_back_as_headers_and_trailers()
    {
        byte[] binary = [0, 1, 2, 250, 255];
        using var call = Invoker().AsyncUnaryCall(Unary, null,
            Options(headers: new Metadata { { "x-echo-text", "wert 1" }, { "x-echo-data-bin", binary } }),
            new EchoRequest { Message = "metadaten", EchoMetadata = true });

        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal("wert 1", headers.GetValue("x-echo-text"));
        Assert.Equal(binary, headers.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("wert 1", trailers.GetValue("x-echo-trailer-text"));
        Assert.Equal(binary, trailers.GetValueBytes("x-echo-trailer-data-bin"));
    }

    [Fact]
    public async Task Four_megabyte_messages_travel_both_ways()
    {
        var payload = ByteString.CopyFrom(Expected.Pattern(Expected.Large));

        var echoed = await Invoker().AsyncUnaryCall(Unary, null, Options(), new EchoRequest { Message = "groß", Payload = payload });
        var generated = await Invoker().AsyncUnaryCall(Unary, null, Options(), new EchoRequest { Message = "groß", ResponseSize = Expected.Large });

        Assert.True(payload.Equals(echoed.Payload), "the 4 MB payload came back changed");
        Assert.Equal(Expected.Filler(Expected.Large), generated.Payload.ToByteArray());
    }

    [Fact]
    public async Task Request_above_the_peers_4_MiB_limit_is_resource_exhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await Invoker().AsyncUnaryCall(Unary, null, Options(),
            new EchoRequest { Message = "zu groß", Payload = ByteString.CopyFrom(new byte[Expected.TooLarge]), ResponseSize = 1 }));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Response_above_our_4_MiB_limit_is_resource_exhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await Invoker().AsyncUnaryCall(Unary, null, Options(),
            new EchoRequest { Message = "zu groß", ResponseSize = Expected.TooLarge }));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_accepted()
    {
        await using var proxy = new CountingProxy(Server.Address);
        var invoker = Invoker(proxy.Address, new GrpcChannelOptions { RequestCompression = "gzip" });

        var response = await invoker.AsyncUnaryCall(Unary, null, Options(),
            new EchoRequest { Message = "gzip", Payload = ByteString.CopyFrom(new byte[1_000_000]), ResponseSize = 1 });

        Assert.Equal("gzip", response.Message);
        Assert.InRange(proxy.BytesToServer, 1, 100_000);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var missing = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "zielsteuerung.testing.v1.Echo", "Missing");

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker().AsyncUnaryCall(missing, null, Options(), new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}

public sealed class OurClientToPythonServerTests(PythonEchoServer fixture)
    : OurClientToTheirServerTests(fixture), IClassFixture<PythonEchoServer>
{
    [Fact]
    public async Task Gzip_compressed_responses_are_decompressed()
    {
        await using var proxy = new CountingProxy(Server.CompressingAddress!);

        var response = await Invoker(proxy.Address).AsyncUnaryCall(Unary, null, Options(),
            new EchoRequest { Message = "gzip", ResponseSize = 1_000_000 });

        Assert.Equal(Expected.Filler(1_000_000), response.Payload.ToByteArray());
        Assert.InRange(proxy.BytesToClient, 1, 100_000);
    }
}

/// <summary>@grpc/grpc-js serves grpc-health-check and @grpc/reflection next to Echo, so our client meets those too.</summary>
public sealed class OurClientToNodeServerTests(NodeEchoServer fixture)
    : OurClientToTheirServerTests(fixture), IClassFixture<NodeEchoServer>
{
    [Fact]
    public async Task Health_check_and_watch_of_grpc_health_check()
    {
        var health = new HealthClient(Invoker());

        var server = await health.CheckAsync(new HealthCheckRequest(), Options());
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }, Options()));
        using var watch = health.Watch(new HealthCheckRequest { Service = "zielsteuerung.testing.v1.Echo" }, Options());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, server.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Reflection_v1_of_grpc_reflection_lists_services_and_finds_symbols()
    {
        var method = Method.Create<V1.ServerReflectionRequest, V1.ServerReflectionResponse>(
            V1.ReflectionReflection.Descriptor.Services[0].FindMethodByName("ServerReflectionInfo"));
        using var call = Invoker().AsyncDuplexStreamingCall(method, null, Options());

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "zielsteuerung.testing.v1.Echo" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        await call.RequestStream.CompleteAsync();

        Assert.Contains("zielsteuerung.testing.v1.Echo", services);
        Assert.Equal(FileDescriptorProto.Parser.ParseFrom(EchoReflection.Descriptor.SerializedData).Service, file.Service);
    }

    [Fact]
    public async Task Reflection_v1alpha_of_grpc_reflection_lists_services()
    {
        var method = Method.Create<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(
            V1Alpha.ReflectionReflection.Descriptor.Services[0].FindMethodByName("ServerReflectionInfo"));
        using var call = Invoker().AsyncDuplexStreamingCall(method, null, Options());

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        await call.RequestStream.CompleteAsync();

        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
    }
}

/// <summary>One peer Echo server per test class.</summary>
public abstract class PeerServerFixture(Peer peer) : IAsyncLifetime
{
    public PeerServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PeerServer.StartAsync(peer);

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

public sealed class PythonEchoServer() : PeerServerFixture(Peer.Python);

public sealed class NodeEchoServer() : PeerServerFixture(Peer.Node);
