using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zielsteuerung.Grpc.Testing;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Tests;

public sealed class BindingTests
{
    private static async Task<Exception> MapFailure<TService>() where TService : class
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        return Assert.ThrowsAny<Exception>(() => app.MapGrpcService<TService>(EchoService.Descriptor));
    }

    [Fact]
    public async Task Mistyped_and_missing_methods_fail_at_startup_naming_service_method_and_signature()
    {
        var ex = await MapFailure<MistypedEcho>();

        Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("'zielsteuerung.testing.v1.Echo'", ex.Message);
        Assert.Contains(typeof(MistypedEcho).FullName!, ex.Message);
        Assert.Contains("method 'Unary' (Unary) must be 'public Task<EchoResponse> Unary(EchoRequest, ServerCallContext)'; found: Task<EchoResponse> Unary(EchoRequest)", ex.Message);
        Assert.Contains("method 'ServerStream' (ServerStreaming) must be 'public Task ServerStream(EchoRequest, IServerStreamWriter<EchoResponse>, ServerCallContext)'; no public method", ex.Message);
        Assert.DoesNotContain("'ClientStream'", ex.Message);
    }

    [Fact]
    public async Task Mapping_needs_AddGrpc()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<EchoService>(EchoService.Descriptor));
        Assert.Contains("AddGrpc", ex.Message);
    }

    [Fact]
    public async Task Endpoints_carry_method_metadata()
    {
        await using var server = await GrpcTestServer.StartAsync(s => s.AddGrpc(), app => app.MapGrpcService<EchoService>(EchoService.Descriptor));

        var endpoints = server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        var methods = endpoints.Select(e => e.Metadata.GetMetadata<Zielsteuerung.Grpc.AspNetCore.GrpcMethodMetadata>()).OfType<Zielsteuerung.Grpc.AspNetCore.GrpcMethodMetadata>().ToList();

        Assert.Equal(["ClientStream", "DuplexStream", "ServerStream", "Unary"], methods.Select(m => m.Method.Name).Order());
        Assert.All(methods, m => Assert.Equal(typeof(EchoService), m.ServiceType));
    }

    [Fact]
    public async Task Routing_drops_the_unimplemented_fallback_where_a_method_matches()
    {
        await using var server = await GrpcTestServer.StartAsync(s => s.AddGrpc(), app => app.MapGrpcService<EchoService>(EchoService.Descriptor));
        var endpoints = server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        var unary = endpoints.Single(e => e.Metadata.GetMetadata<Zielsteuerung.Grpc.AspNetCore.GrpcMethodMetadata>()?.Method.Name == "Unary");
        var fallback = endpoints.Single(e => e.Metadata.GetMetadata<Zielsteuerung.Grpc.AspNetCore.Internal.UnimplementedEndpointMetadata>() is not null);
        var policy = server.Services.GetServices<Microsoft.AspNetCore.Routing.MatcherPolicy>()
            .OfType<Zielsteuerung.Grpc.AspNetCore.Internal.UnimplementedMatcherPolicy>().Single();

        // On /zielsteuerung.testing.v1.Echo/Unary the fallback could never win, so it is not matched (no route value
        // captures, no constraint) on every call; paths no method claims keep it.
        Assert.True(policy.AppliesToEndpoints([unary, fallback]));
        Assert.Equal([unary], Assert.Single(policy.GetEdges([unary, fallback])).Endpoints);
        Assert.False(policy.AppliesToEndpoints([fallback]));
        Assert.False(policy.AppliesToEndpoints([unary]));
    }

    public sealed class MistypedEcho
    {
        public Task<EchoResponse> Unary(EchoRequest request) => Task.FromResult(new EchoResponse());
        public Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context) => Task.FromResult(new EchoResponse());
        public Task DuplexStream(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context) => Task.CompletedTask;
    }
}

public sealed class CompressionTests
{
    [Fact]
    public async Task Server_compresses_responses_for_clients_that_accept_gzip()
    {
        await using var server = await GrpcTestServer.StartAsync(
            s => s.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip"),
            app => app.MapGrpcService<EchoService>(EchoService.Descriptor));
        var payload = new byte[50_000];

        // What the wire carries:
        using var http = server.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/zielsteuerung.testing.v1.Echo/Unary")
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent([0, 0, 0, 0, 2, 0x38, 1]), // EchoRequest { response_size = 1 }
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, body[0]);

        // What our client makes of it:
        var echoed = await new EchoClient(server.CreateChannel()).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) });
        Assert.Equal(payload, echoed.Payload.ToByteArray());
    }
}

public sealed class DetailedErrorsTests
{
    [Fact]
    public async Task Detailed_errors_show_the_exception_when_enabled()
    {
        await using var server = await GrpcTestServer.StartAsync(
            s => { s.AddGrpc(o => o.EnableDetailedErrors = true); s.AddSingleton<ProbeState>(); },
            app => app.MapGrpcService<ProbeService>(ProbeService.Descriptor));

        var ex = await Assert.ThrowsAsync<RpcException>(() => new ProbeClient(server.CreateChannel().CreateCallInvoker()).Throw("kaputt").ResponseAsync);

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler. InvalidOperationException: kaputt", ex.Status.Detail);
    }
}

public sealed class ClientRegistrationTests
{
    [Fact]
    public async Task AddGrpcClient_resolves_a_typed_client_for_a_configured_service()
    {
        await using var server = await GrpcTestServer.StartAsync(s => s.AddGrpc(), app => app.MapGrpcService<EchoService>(EchoService.Descriptor));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:echo:grpc:0"] = "http://localhost" }).Build());
        services.AddGrpcClient<EchoClient>("echo", o => o.HttpHandler = server.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<EchoClient>();
        var response = await client.UnaryAsync(new EchoRequest { Message = "di" });

        Assert.Equal("di", response.Message);
        Assert.Same(provider.GetRequiredKeyedService<GrpcChannel>("echo"), provider.GetRequiredKeyedService<GrpcChannel>("echo"));
    }
}

public sealed class TelemetryTests(KestrelServerFixture fixture) : IClassFixture<KestrelServerFixture>
{
    [Fact]
    public async Task Client_and_server_spans_form_one_trace_with_rpc_tags_and_durations_are_measured()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrpcDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Instrument, KeyValuePair<string, object?>[] Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == GrpcDiagnostics.MeterName) { l.EnableMeasurementEvents(instrument); } },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => { lock (measurements) { measurements.Add((instrument.Name, tags.ToArray())); } });
        meterListener.Start();

        using var root = new Activity("test-root").Start();
        var traceId = root.TraceId;
        var probe = new ProbeClient(fixture.Channel.CreateCallInvoker());
        var headersSeen = (await probe.Headers()).Value;
        await Assert.ThrowsAsync<RpcException>(() => new EchoClient(fixture.Channel).UnaryAsync(new EchoRequest { Error = new ErrorToRaise { Code = 5, Message = "weg" } }).ResponseAsync);
        root.Stop();

        Assert.Contains("#traceparent=1", headersSeen);
        Assert.Contains($"traceparent=00-{traceId}-", headersSeen);
        await WaitUntil(() => Spans(activities, traceId).Count(a => a.Kind == ActivityKind.Server) == 2);
        var spans = Spans(activities, traceId);
        var client = spans.Single(a => a.Kind == ActivityKind.Client && a.DisplayName == "zielsteuerung.testing.probe.v1.Probe/Headers");
        var server = spans.Single(a => a.Kind == ActivityKind.Server && a.DisplayName == "zielsteuerung.testing.probe.v1.Probe/Headers");
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal(root.SpanId, client.ParentSpanId);
        foreach (var span in new[] { client, server })
        {
            Assert.Equal("grpc", span.GetTagItem("rpc.system"));
            Assert.Equal("zielsteuerung.testing.probe.v1.Probe", span.GetTagItem("rpc.service"));
            Assert.Equal("Headers", span.GetTagItem("rpc.method"));
            Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }
        var failed = spans.Where(a => a.DisplayName == "zielsteuerung.testing.v1.Echo/Unary").ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, span =>
        {
            Assert.Equal(5, span.GetTagItem("rpc.grpc.status_code"));
            Assert.Equal(ActivityStatusCode.Error, span.Status);
        });

        meterListener.RecordObservableInstruments();
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Instrument == "rpc.client.duration" && m.Tags.Contains(new("rpc.method", "Headers")) && m.Tags.Contains(new("rpc.grpc.status_code", 0)));
            Assert.Contains(measurements, m => m.Instrument == "rpc.server.duration" && m.Tags.Contains(new("rpc.method", "Unary")) && m.Tags.Contains(new("rpc.grpc.status_code", 5)));
        }
    }

    private static List<Activity> Spans(List<Activity> activities, ActivityTraceId traceId)
    {
        lock (activities)
        {
            return activities.Where(a => a.TraceId == traceId).ToList();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}

public sealed class TlsTests
{
    [Fact]
    public async Task Https_endpoint_with_a_required_client_certificate_serves_our_client()
    {
        using var serverCertificate = CreateCertificate("CN=localhost", serverAuth: true);
        using var clientCertificate = CreateCertificate("CN=jobcenter-test-client", serverAuth: false);
        await using var app = await KestrelServerFixture.StartKestrelAsync(
            services => { services.AddGrpc(); services.AddSingleton<ProbeState>(); },
            app => app.MapGrpcService<ProbeService>(ProbeService.Descriptor),
            listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => certificate.Thumbprint == clientCertificate.Thumbprint;
            }));
        var address = KestrelServerFixture.GetAddress(app);
        Assert.Equal("https", address.Scheme);

        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ClientCertificates = [clientCertificate],
            ServerCertificateValidation = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == serverCertificate.Thumbprint,
        });
        var subject = await new ProbeClient(channel.CreateCallInvoker()).ClientCertificate();

        Assert.Equal("CN=jobcenter-test-client", subject.Value);

        using var anonymous = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == serverCertificate.Thumbprint,
        });
        var ex = await Assert.ThrowsAsync<RpcException>(() => new ProbeClient(anonymous.CreateCallInvoker()).ClientCertificate().ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    private static X509Certificate2 CreateCertificate(string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Export and re-import so that SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
