using System.Buffers;
using System.Net;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Zielsteuerung.Grpc.Internal;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

public sealed class FramingTests
{
    private static byte[] Framed(IMessage message)
    {
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, message, gzip: false, maxSendSize: null);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Written_frame_is_flag_big_endian_length_and_message()
    {
        var message = new EchoRequest { Message = "abc" };

        var frame = Framed(message);

        Assert.Equal([0, 0, 0, 0, (byte)message.CalculateSize()], frame[..5]);
        Assert.Equal(message.ToByteArray(), frame[5..]);
    }

    [Fact]
    public void Frames_arriving_one_byte_at_a_time_are_read_whole_and_in_order()
    {
        var bytes = Framed(new EchoRequest { Message = "eins" }).Concat(Framed(new EchoRequest { Message = "zwei" })).ToArray();
        var received = new List<string>();
        var pending = new List<byte>();

        foreach (var b in bytes)
        {
            pending.Add(b);
            var buffer = Segmented(pending.ToArray());
            while (GrpcFraming.TryReadFrame(ref buffer, null, out var compressed, out var payload))
            {
                Assert.False(compressed);
                received.Add(EchoRequest.Parser.ParseFrom(payload).Message);
                pending.RemoveRange(0, (int)(pending.Count - buffer.Length));
            }
        }

        Assert.Equal(["eins", "zwei"], received);
        Assert.Empty(pending);
    }

    [Fact]
    public void Oversize_frame_is_rejected_from_its_header_alone()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0x10, 0, 1 }); // 1 MiB + 1 announced, nothing sent

        var ex = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 1024 * 1024, out _, out _));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("Received message larger than max (1048577 vs. 1048576)", ex.Status.Detail);
    }

    [Fact]
    public void Invalid_compressed_flag_is_internal()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 2, 0, 0, 0, 0 });

        Assert.Equal(StatusCode.Internal, Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, null, out _, out _)).StatusCode);
    }

    [Fact]
    public void Send_limit_is_checked_before_writing()
    {
        var ex = Assert.Throws<RpcException>(() =>
            GrpcFraming.WriteMessage(new ArrayBufferWriter<byte>(), new EchoRequest { Payload = ByteString.CopyFrom(new byte[100]) }, false, 50));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Gzip_frames_round_trip_and_are_flagged()
    {
        var message = new EchoRequest { Message = new string('x', 10_000) };
        var writer = new ArrayBufferWriter<byte>();

        GrpcFraming.WriteMessage(writer, message, gzip: true, maxSendSize: null);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.True(GrpcFraming.TryReadFrame(ref buffer, null, out var compressed, out var payload));

        Assert.True(compressed);
        Assert.True(payload.Length < 200);
        Assert.Equal(message, GrpcFraming.ParseMessage(EchoRequest.Parser, payload, compressed, "gzip", null));
    }

    [Fact]
    public void Gzip_message_larger_than_the_limit_once_decompressed_is_resource_exhausted()
    {
        var compressed = GrpcFraming.Compress(new EchoRequest { Message = new string('x', 100_000) }, new EchoRequest { Message = new string('x', 100_000) }.CalculateSize());

        var ex = Assert.Throws<RpcException>(() =>
            GrpcFraming.ParseMessage(EchoRequest.Parser, new ReadOnlySequence<byte>(compressed), true, "gzip", 10_000));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Compressed_message_with_identity_encoding_is_internal()
    {
        var ex = Assert.Throws<RpcException>(() =>
            GrpcFraming.ParseMessage(EchoRequest.Parser, new ReadOnlySequence<byte>([1, 2]), true, null, null));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public void Corrupt_gzip_is_internal()
    {
        var ex = Assert.Throws<RpcException>(() =>
            GrpcFraming.ParseMessage(EchoRequest.Parser, new ReadOnlySequence<byte>([1, 2, 3, 4]), true, "gzip", null));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes)
    {
        if (bytes.Length < 2)
        {
            return new ReadOnlySequence<byte>(bytes);
        }
        // Every byte its own segment: the worst split a transport can produce.
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }
        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

public sealed class TimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1500n", 15L)]
    [InlineData("0m", 0L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Parses_every_unit(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("123456789S")] // nine digits
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("10s")]
    [InlineData("10 S")]
    [InlineData("10X")]
    public void Rejects_invalid_values(string? value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(250 * TimeSpan.TicksPerMillisecond, "250m")]
    [InlineData(15, "2u")] // rounded up, never shorter
    [InlineData(TimeSpan.TicksPerDay * 3, "259200S")]
    [InlineData(TimeSpan.TicksPerDay * 3650, "5256000M")]
    public void Formats_with_at_most_eight_digits_rounding_up(long ticks, string expected)
    {
        var formatted = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.Equal(expected, formatted);
        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed) && parsed.Ticks >= ticks);
    }
}

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("über", "%C3%BCber")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("✓", "%E2%9C%93")]
    [InlineData("🚀", "%F0%9F%9A%80")]
    public void Encodes_non_printable_ascii_and_percent_as_utf8_escapes(string value, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(value));
        Assert.Equal(value, PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Unicode_round_trips()
    {
        const string text = "Zielvereinbarung für Jobcenter Köln — Quote ≥ 95 % 🚀 日本";

        Assert.Equal(text, PercentEncoding.Decode(PercentEncoding.Encode(text)));
        Assert.All(PercentEncoding.Encode(text), c => Assert.InRange(c, ' ', '~'));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%G1x", "%G1x")]
    [InlineData("50%-Ziel", "50%-Ziel")]
    [InlineData("%c3%bc", "ü")]
    public void Decoding_keeps_malformed_escapes(string value, string decoded) =>
        Assert.Equal(decoded, PercentEncoding.Decode(value));
}

public sealed class StatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(418, StatusCode.Unknown)]
    [InlineData(200, StatusCode.Unknown)]
    public void Http_status_maps_as_http_grpc_status_mapping_says(int http, StatusCode expected) =>
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode((HttpStatusCode)http));

    [Theory]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x0, StatusCode.Internal)]
    public void Stream_reset_codes_map_as_the_spec_says(long code, StatusCode expected) =>
        Assert.Equal(expected, Http2ErrorMapping.ToStatusCode(code));
}

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased()
    {
        var metadata = new Metadata { { "X-Request-Id", "1" } };

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("1", metadata.GetValue("x-request-id"));
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("umlaut-ä")]
    [InlineData(":path")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Invalid_keys_are_rejected(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new Metadata.Entry(key, "v"));

    [Fact]
    public void Ascii_values_must_be_printable()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("k", "zeile\nzwei"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("k", "ü"));
    }

    [Fact]
    public void Binary_values_need_bin_keys_and_bin_keys_need_binary_values()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("data", [1]));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("data-bin", "text"));
        Assert.True(new Metadata.Entry("data-bin", [1]).IsBinary);
    }

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("", new byte[0])]
    public void Binary_values_decode_with_or_without_padding(string base64, byte[] expected) =>
        Assert.Equal(expected, MetadataEncoding.DecodeBinary(base64));

    [Fact]
    public void Binary_values_are_sent_padded()
    {
        Assert.Equal("AQI=", MetadataEncoding.ToHeaderValue(new Metadata.Entry("x-bin", [1, 2])));
    }

    [Fact]
    public void Received_reserved_headers_are_dropped_and_joined_binary_values_split()
    {
        var metadata = new Metadata();
        foreach (var (name, value) in new[] { ("date", "Mon"), ("server", "Kestrel"), ("content-type", "application/grpc"), ("grpc-status", "0"), ("x-a-bin", "AQ,Ag=="), ("x-b", "b") })
        {
            MetadataEncoding.AddFromHeader(metadata, name, value);
        }

        Assert.Equal(["x-a-bin", "x-a-bin", "x-b"], metadata.Select(e => e.Key));
        Assert.Equal([[1], [2]], metadata.GetAll("x-a-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public void Empty_metadata_is_read_only()
    {
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("a", "b"));
    }
}

public sealed class ServiceAddressTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void Plain_name_reads_the_grpc_endpoint()
    {
        var config = Config(("services:party-registry:grpc:0", "http://127.0.0.1:5001"), ("services:party-registry:http:0", "http://127.0.0.1:5002"));

        Assert.Equal(new Uri("http://127.0.0.1:5001"), ServiceAddress.Resolve(config, "party-registry"));
    }

    [Fact]
    public void Scheme_list_prefers_the_first_configured_scheme()
    {
        var both = Config(("services:party-registry:https:0", "https://localhost:7001"), ("services:party-registry:http:0", "http://localhost:5001"));
        var httpOnly = Config(("services:party-registry:http:0", "http://localhost:5001"));

        Assert.Equal(new Uri("https://localhost:7001"), ServiceAddress.Resolve(both, "https+http://party-registry"));
        Assert.Equal(new Uri("http://localhost:5001"), ServiceAddress.Resolve(httpOnly, "https+http://party-registry"));
    }

    [Fact]
    public void Named_endpoint_form_reads_that_endpoint()
    {
        var config = Config(("services:party-registry:grpc:0", "http://127.0.0.1:5001"));

        Assert.Equal(new Uri("http://127.0.0.1:5001"), ServiceAddress.Resolve(config, "http://_grpc.party-registry"));
    }

    [Fact]
    public void Missing_address_names_the_keys_tried()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ServiceAddress.Resolve(Config(), "agreements"));

        Assert.Contains("services:agreements:grpc:0", ex.Message);
        Assert.Contains("services__agreements__grpc__0", ex.Message);
    }

    [Fact]
    public void Channel_for_service_uses_the_resolved_address()
    {
        using var channel = GrpcChannel.ForService(Config(("services:kpi-ingestion:grpc:0", "http://127.0.0.1:6001")), "kpi-ingestion");

        Assert.Equal(new Uri("http://127.0.0.1:6001"), channel.Address);
    }
}
