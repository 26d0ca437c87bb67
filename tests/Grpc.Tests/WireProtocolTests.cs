using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

/// <summary>What our server puts on the wire, seen by a bare HTTP/2 client (PROTOCOL-HTTP2.md).</summary>
public sealed class WireProtocolTests(KestrelServerFixture fixture) : IClassFixture<KestrelServerFixture>, IDisposable
{
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler { ActivityHeadersPropagator = null });

    public void Dispose() => _http.Dispose();

    private static byte[] Frame(IMessage message, byte flag = 0)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private HttpRequestMessage Request(string path, HttpContent content, string contentType = "application/grpc")
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (response, body);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string? Trailer(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Successful_unary_call_has_headers_one_frame_and_status_in_trailers()
    {
        var (response, body) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(new EchoRequest { Message = "w" }))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Header(response, "grpc-status"));
        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.Null(Trailer(response, "grpc-message"));
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)));
        Assert.Equal("w", EchoResponse.Parser.ParseFrom(body.AsSpan(5)).Message);
    }

    [Fact]
    public async Task Error_before_any_message_is_trailers_only_with_percent_encoded_message()
    {
        var request = new EchoRequest { Error = new ErrorToRaise { Code = 5, Message = "nicht gefunden: ü 100%" } };

        var (response, body) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(request))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body);
        Assert.Equal("5", Header(response, "grpc-status"));
        Assert.Equal("nicht gefunden: %C3%BC 100%25", Header(response, "grpc-message"));
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Foreign_content_type_is_http_415()
    {
        var (response, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent([]), "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Grpc_proto_content_type_is_accepted()
    {
        var (response, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(new EchoRequest())), "application/grpc+proto"));

        Assert.Equal("0", Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Unknown_method_is_trailers_only_unimplemented()
    {
        var (response, body) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Nope", new ByteArrayContent(Frame(new EchoRequest()))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body);
        Assert.Equal("12", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Unsupported_message_encoding_is_unimplemented_listing_accepted_encodings()
    {
        var request = Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(new EchoRequest(), flag: 1)));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");

        var (response, _) = await SendAsync(request);

        Assert.Equal("12", Header(response, "grpc-status"));
        Assert.Contains("gzip", Header(response, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task Compressed_flag_without_encoding_is_internal()
    {
        var (response, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(new EchoRequest { Message = "x" }, flag: 1))));

        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_even_if_the_handler_ignores_cancellation()
    {
        var request = Request("/zielsteuerung.testing.probe.v1.Probe/SleepIgnoringCancellation",
            new ByteArrayContent(Frame(Duration.FromTimeSpan(TimeSpan.FromSeconds(5)))));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");
        var stopwatch = Stopwatch.StartNew();

        var (response, body) = await SendAsync(request);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3.5), $"took {stopwatch.Elapsed}");
        Assert.Empty(body);
        Assert.Equal("4", Header(response, "grpc-status") ?? Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Messages_split_across_many_data_frames_are_reassembled()
    {
        var frames = Frame(new EchoRequest { Message = "eins" }).Concat(Frame(new EchoRequest { Message = "zwei" })).ToArray();

        var (response, body) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/ClientStream", new TrickleContent(frames)));

        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.Equal("eins,zwei", EchoResponse.Parser.ParseFrom(body.AsSpan(5)).Message);
    }

    [Fact]
    public async Task Truncated_message_is_internal()
    {
        var frame = Frame(new EchoRequest { Message = "abgeschnitten" });

        var (response, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(frame[..^3])));

        Assert.Equal("13", Header(response, "grpc-status") ?? Trailer(response, "grpc-status"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unary_request_needs_exactly_one_message(bool trickle)
    {
        HttpContent Body(byte[] bytes) => trickle ? new TrickleContent(bytes) : new ByteArrayContent(bytes);
        var one = Frame(new EchoRequest { Message = "eins" });

        var (single, body) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", Body(one)));
        var (none, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", Body([])));
        var (two, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", Body([.. one, .. one])));
        var (trailing, _) = await SendAsync(Request("/zielsteuerung.testing.v1.Echo/Unary", Body([.. one, 0, 0])));

        Assert.Equal("0", Trailer(single, "grpc-status"));
        Assert.Equal("eins", EchoResponse.Parser.ParseFrom(body.AsSpan(5)).Message);
        Assert.Equal("13", Header(none, "grpc-status"));
        Assert.Equal("Request did not include a message.", Header(none, "grpc-message"));
        Assert.Equal("13", Header(two, "grpc-status"));
        Assert.Equal("Additional data after the message received.", Uri.UnescapeDataString(Header(two, "grpc-message")!));
        Assert.Equal("13", Header(trailing, "grpc-status"));
        Assert.Equal("Incomplete message in the request.", Header(trailing, "grpc-message"));
    }

    [Fact]
    public async Task Binary_metadata_without_padding_is_accepted()
    {
        var request = Request("/zielsteuerung.testing.v1.Echo/Unary", new ByteArrayContent(Frame(new EchoRequest { EchoMetadata = true })));
        request.Headers.TryAddWithoutValidation("x-echo-raw-bin", "AQID"); // [1,2,3], no padding needed
        request.Headers.TryAddWithoutValidation("x-echo-short-bin", "AQI"); // [1,2], padding "=" missing

        var (response, _) = await SendAsync(request);

        Assert.Equal("AQID", Header(response, "x-echo-raw-bin"));
        Assert.Equal("AQI=", Header(response, "x-echo-short-bin"));
        Assert.Equal("AQI=", Trailer(response, "x-echo-trailer-short-bin"));
    }

    [Fact]
    public async Task Kestrel_request_body_limit_does_not_apply_to_grpc_streams()
    {
        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes; 30 MiB in 1 MiB messages crosses it.
        var channel = fixture.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = null });
        using var call = new EchoClient(channel).ClientStream();
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);
        for (var i = 0; i < 30; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = chunk });
        }
        await call.RequestStream.CompleteAsync();

        var response = await call;

        Assert.Equal(30, response.Index);
        Assert.Equal(30 * 1024 * 1024, response.Payload.Length);
    }

    [Fact]
    public async Task Server_call_context_describes_the_call()
    {
        var probe = new ProbeClient(fixture.Channel.CreateCallInvoker());
        var deadline = DateTime.UtcNow.AddMinutes(5);

        var withDeadline = Lines((await probe.Headers(new CallOptions(deadline: deadline))).Value);
        var withoutDeadline = Lines((await probe.Headers()).Value);

        Assert.Equal("/zielsteuerung.testing.probe.v1.Probe/Headers", withDeadline["#method"]);
        Assert.StartsWith("ipv4:127.0.0.1:", withDeadline["#peer"]);
        var seen = DateTime.Parse(withDeadline["#deadline"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, seen.Kind);
        // The server counts grpc-timeout from when it receives the call: later by the transit time.
        Assert.InRange(seen, deadline.AddSeconds(-5), deadline.AddSeconds(2));
        Assert.Equal(DateTime.MaxValue, DateTime.Parse(withoutDeadline["#deadline"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind));
        Assert.StartsWith("grpc-dotnet-zielsteuerung/", withDeadline["user-agent"]);
    }

    private static Dictionary<string, string> Lines(string text) =>
        text.Split('\n').Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>Writes the body a few bytes at a time, flushing each, so the server sees many DATA frames.</summary>
    private sealed class TrickleContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < bytes.Length; i += 3)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(3, bytes.Length - i)));
                await stream.FlushAsync();
                await Task.Delay(1);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
