using System.Runtime.CompilerServices;
using Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

namespace Zielsteuerung.Grpc.Interop.Tests;

/// <summary>
/// A gRPC client we did not write (python grpcio, @grpc/grpc-js) calls our server: each test runs one scenario of
/// the peer's client script (tests/interop/*/echo[-_]client.*) and asserts what the peer observed.
/// </summary>
public abstract class TheirClientToOurServerTests(Peer peer, OurServer server)
{
    private static readonly TimeSpan ObservationTimeout = TimeSpan.FromSeconds(5);

    private async Task<(PeerResult Result, string TestId)> RunAsync(string scenario, Uri? target = null, [CallerMemberName] string test = "")
    {
        var testId = $"{peer.Name}:{test}:{Guid.NewGuid():N}";
        return (await PeerClient.RunAsync(peer, target ?? server.Address, scenario, testId), testId);
    }

    [Fact]
    public async Task Unary_call_echoes_message_and_payload()
    {
        var (result, _) = await RunAsync("unary");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        var response = Assert.Single(result.Responses);
        Assert.Equal(new PeerResponse("hallo Welt", 1024, Expected.Sha256(Expected.Pattern(1024)), 0), response);
    }

    [Fact]
    public async Task Server_streaming_call_receives_every_response_in_order()
    {
        var (result, _) = await RunAsync("server_stream");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal([0, 1, 2], result.Responses.Select(r => r.Index));
        Assert.All(result.Responses, r => Assert.Equal(("strom", Expected.Sha256([1, 2])), (r.Message, r.PayloadSha256)));
    }

    [Fact]
    public async Task Client_streaming_call_is_answered_after_all_requests()
    {
        var (result, _) = await RunAsync("client_stream");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(new PeerResponse("a,b,c", 3, Expected.Sha256([1, 2, 3]), 3), Assert.Single(result.Responses));
    }

    [Fact]
    public async Task Duplex_call_answers_each_request_as_it_arrives()
    {
        var (result, _) = await RunAsync("duplex");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(
            [new("eins", 4, Expected.Sha256("eins"), 0), new("zwei", 4, Expected.Sha256("zwei"), 1), new("drei", 4, Expected.Sha256("drei"), 2)],
            result.Responses);
    }

    [Fact]
    public async Task Error_arrives_with_its_code_and_unicode_message()
    {
        var (result, _) = await RunAsync("error");

        Assert.Equal(StatusCode.FailedPrecondition, result.StatusCode);
        Assert.Equal(Expected.UnicodeMessage, result.Details);
        Assert.Empty(result.Responses);
    }

    [Fact]
    public async Task Rich_error_details_arrive_as_google_rpc_status_with_bad_request()
    {
        var (result, _) = await RunAsync("error_details");

        Assert.Equal(StatusCode.InvalidArgument, result.StatusCode);
        Assert.Equal("Ungültige Anfrage", result.Details);
        var details = Assert.IsType<PeerStatusDetails>(result.StatusDetails);
        Assert.Equal((3, "Ungültige Anfrage"), (details.Code, details.Message));
        var detail = Assert.Single(details.Details);
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.TypeUrl);
        Assert.Equal([new PeerFieldViolation("message", "darf nicht leer sein — ✗")], detail.FieldViolations!);
    }

    [Fact]
    public async Task Error_after_streamed_responses_arrives_in_the_trailers()
    {
        var (result, _) = await RunAsync("stream_error");

        Assert.Equal(StatusCode.Aborted, result.StatusCode);
        Assert.Equal("abgebrochen nach 2 — ✓", result.Details);
        Assert.Equal([0, 1], result.Responses.Select(r => r.Index));
    }

    [Fact]
    public async Task Deadline_ends_the_call_with_deadline_exceeded_and_cancels_the_handler()
    {
        var (result, testId) = await RunAsync("deadline");

        Assert.Equal(StatusCode.DeadlineExceeded, result.StatusCode);
        Assert.InRange(result.ElapsedMs!.Value, 400, 3000);
        Assert.Equal("/zielsteuerung.testing.v1.Echo/Unary", await server.Observations.WaitForCancellationAsync(testId, ObservationTimeout));
    }

    [Fact]
    public async Task Client_cancelling_a_stream_cancels_the_handler()
    {
        var (result, testId) = await RunAsync("cancel");

        Assert.Equal(StatusCode.Cancelled, result.StatusCode);
        Assert.Equal([0, 1], result.Responses.Select(r => r.Index));
        Assert.Equal("/zielsteuerung.testing.v1.Echo/ServerStream", await server.Observations.WaitForCancellationAsync(testId, ObservationTimeout));
    }

    [Fact]
    public async Task Ascii_and_binary_metadata_come_back_as_headers_and_trailers()
    {
        var (result, _) = await RunAsync("metadata");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(["x-echo-text=wert 1", "x-echo-data-bin=AAEC+v8="], PeerResult.Select(result.Headers, "x-echo-"));
        Assert.Equal(["x-echo-trailer-text=wert 1", "x-echo-trailer-data-bin=AAEC+v8="], PeerResult.Select(result.Trailers, "x-echo-"));
    }

    [Fact]
    public async Task Four_megabyte_request_is_received()
    {
        var (result, _) = await RunAsync("large_request");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(new PeerResponse("groß", 1, Expected.Sha256(Expected.Filler(1)), 0), Assert.Single(result.Responses));
    }

    [Fact]
    public async Task Four_megabyte_response_is_received()
    {
        var (result, _) = await RunAsync("large_response");

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(new PeerResponse("groß", Expected.Large, Expected.Sha256(Expected.Filler(Expected.Large)), 0), Assert.Single(result.Responses));
    }

    [Fact]
    public async Task Request_above_our_4_MiB_limit_is_resource_exhausted()
    {
        var (result, _) = await RunAsync("too_large_request");

        Assert.Equal(StatusCode.ResourceExhausted, result.StatusCode);
    }

    [Fact]
    public async Task Response_above_the_peers_4_MiB_limit_is_resource_exhausted_at_the_peer()
    {
        var (result, _) = await RunAsync("too_large_response");

        Assert.Equal(StatusCode.ResourceExhausted, result.StatusCode);
        Assert.Empty(result.Responses);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_decompressed()
    {
        await using var proxy = new CountingProxy(server.Address);

        var (result, _) = await RunAsync("compressed_request", proxy.Address);

        Assert.Equal(StatusCode.OK, result.StatusCode);
        Assert.Equal(1, Assert.Single(result.Responses).PayloadLen);
        Assert.InRange(proxy.BytesToServer, 1, 100_000); // the request carried 1,000,000 payload bytes
    }

    [Fact]
    public async Task Gzip_compressed_response_is_decompressed()
    {
        var compressing = new OurServer { ResponseCompression = "gzip" };
        await compressing.InitializeAsync();
        try
        {
            await using var proxy = new CountingProxy(compressing.Address);

            var (result, _) = await RunAsync("compressed_response", proxy.Address);

            Assert.Equal(StatusCode.OK, result.StatusCode);
            Assert.Equal(new PeerResponse("gzip", 1_000_000, Expected.Sha256(Expected.Filler(1_000_000)), 0), Assert.Single(result.Responses));
            Assert.InRange(proxy.BytesToClient, 1, 100_000);
        }
        finally
        {
            await compressing.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        var (result, _) = await RunAsync("unimplemented");

        Assert.Equal([(int)StatusCode.Unimplemented, (int)StatusCode.Unimplemented], result.Codes);
    }

    [Fact]
    public async Task Health_check_reports_the_server_and_its_services()
    {
        var (result, _) = await RunAsync("health_check");

        Assert.Equal(
            [new("", 0, "SERVING"), new("zielsteuerung.testing.v1.Echo", 0, "SERVING"), new("no.such.Service", (int)StatusCode.NotFound, null)],
            result.Checks);
    }

    [Fact]
    public async Task Health_watch_sends_the_current_status_first()
    {
        var (result, _) = await RunAsync("health_watch");

        Assert.Equal(["SERVING"], result.Statuses);
        Assert.Equal(StatusCode.Cancelled, result.StatusCode);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_lists_the_services(string version)
    {
        var (result, _) = await RunAsync($"reflection_list_{version}");

        Assert.Contains("zielsteuerung.testing.v1.Echo", result.Services);
        Assert.Contains("grpc.health.v1.Health", result.Services);
        Assert.Contains($"grpc.reflection.{version}.ServerReflection", result.Services);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_returns_a_file_the_peer_can_build_the_service_from(string version)
    {
        var (result, _) = await RunAsync($"reflection_symbol_{version}");

        Assert.Equal("echo.proto", result.Files.First());
        Assert.Equal(["Unary", "ServerStream", "ClientStream", "DuplexStream"], result.Methods);
        Assert.Equal("zielsteuerung.testing.v1.EchoRequest", result.Input);
    }
}

public sealed class PythonClientToOurServerTests(OurServer server)
    : TheirClientToOurServerTests(Peer.Python, server), IClassFixture<OurServer>;

public sealed class NodeClientToOurServerTests(OurServer server)
    : TheirClientToOurServerTests(Peer.Node, server), IClassFixture<OurServer>;
