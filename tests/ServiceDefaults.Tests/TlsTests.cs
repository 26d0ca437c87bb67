using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests;

/// <summary>TLS and mutual TLS on the grpc endpoint (Kestrel's configuration plus the Tls section), and outgoing TLS of service clients.</summary>
public sealed class TlsTests(TestCertificates certificates) : IClassFixture<TestCertificates>
{
    private const HealthCheckResponse.Types.ServingStatus Serving = HealthCheckResponse.Types.ServingStatus.Serving;

    [Fact]
    public async Task Over_tls_health_answers_with_alpn_h2_and_cleartext_h2c_is_refused()
    {
        var protocols = new ConcurrentQueue<string>();
        await using var server = await StartServerAsync(new() { ["Tls:Required"] = "true" }, protocols);
        var address = server.Urls.Single();
        Assert.StartsWith("https://127.0.0.1:", address, StringComparison.Ordinal);

        using (var channel = TestChannel(address, clientCertificate: null))
        {
            Assert.Equal(Serving, (await CheckAsync(new Health.HealthClient(channel))).Status);
        }
        Assert.Equal(["HTTP/2 h2"], protocols);

        using var cleartext = GrpcChannel.ForAddress(address.Replace("https://", "http://", StringComparison.Ordinal));
        await AssertRefusedAsync(() => CheckAsync(new Health.HealthClient(cleartext)));
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_call_without_a_client_certificate()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var channel = TestChannel(server.Urls.Single(), clientCertificate: null);

        await AssertRefusedAsync(() => CheckAsync(new Health.HealthClient(channel)));
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_certificate_of_another_ca()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var channel = TestChannel(server.Urls.Single(), certificates.ForeignClient);

        await AssertRefusedAsync(() => CheckAsync(new Health.HealthClient(channel)));
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_certificate_of_the_ca_that_is_not_for_client_authentication()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var channel = TestChannel(server.Urls.Single(), certificates.Server);

        await AssertRefusedAsync(() => CheckAsync(new Health.HealthClient(channel)));
    }

    [Fact]
    public async Task Mutual_tls_serves_a_client_certificate_of_the_configured_ca()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var channel = TestChannel(server.Urls.Single(), certificates.Client);

        Assert.Equal(Serving, (await CheckAsync(new Health.HealthClient(channel))).Status);
    }

    [Fact]
    public async Task Tls_required_refuses_to_start_with_a_cleartext_grpc_endpoint()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartServerAsync(new()
        {
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Tls:Required"] = "true",
        }));

        Assert.StartsWith("Tls:Required is true, but the gRPC endpoint Kestrel:Endpoints:grpc:Url is 'http://127.0.0.1:0'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tls:ClientCertificateAuthority", "missing.pem", "does not exist")]
    [InlineData("Tls:ClientCertificateAuthority", "client.key", "contains no PEM certificate")]
    [InlineData("Tls:ClientCertificateAuthority", "garbage.pem", "contains no PEM certificate")]
    [InlineData("Tls:ServerCertificateAuthority", "missing.pem", "does not exist")]
    [InlineData("Tls:ClientCertificate:Path", "missing.pem", "does not exist")]
    [InlineData("Tls:ClientCertificate:Path", "client.pem", "do not hold a PEM certificate with its private key")]
    [InlineData("Tls:ClientCertificate:KeyPath", "client.key", "Tls:ClientCertificate:Path is not set")]
    public async Task A_bad_tls_setting_fails_the_start_naming_the_setting_and_the_path(string key, string file, string problem)
    {
        var path = Path.Combine(certificates.Directory, file);
        await File.WriteAllTextAsync(Path.Combine(certificates.Directory, "garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartServerAsync(new() { [key] = path }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_client_presents_its_certificate_and_trusts_the_private_ca()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var caller = CreateCaller(server.Urls.Single(), new()
        {
            ["Tls:ClientCertificate:Path"] = certificates.CertificatePath("client"),
            ["Tls:ClientCertificate:KeyPath"] = certificates.KeyPath("client"),
            ["Tls:ServerCertificateAuthority"] = certificates.CertificatePath("ca"),
        });

        Assert.Equal(Serving, (await CheckAsync(caller.Services.GetRequiredService<Health.HealthClient>())).Status);
    }

    [Fact]
    public async Task A_service_client_without_a_client_certificate_is_refused_by_mutual_tls()
    {
        await using var server = await StartServerAsync(MutualTls());
        using var caller = CreateCaller(server.Urls.Single(), new() { ["Tls:ServerCertificateAuthority"] = certificates.CertificatePath("ca") });

        await AssertRefusedAsync(() => CheckAsync(caller.Services.GetRequiredService<Health.HealthClient>()));
    }

    [Fact]
    public async Task A_service_client_still_checks_the_server_host_name()
    {
        // Signed by the trusted CA, but for other.example, not 127.0.0.1.
        await using var server = await StartServerAsync(new()
        {
            ["Kestrel:Endpoints:grpc:Certificate:Path"] = certificates.CertificatePath("other-host"),
            ["Kestrel:Endpoints:grpc:Certificate:KeyPath"] = certificates.KeyPath("other-host"),
        });
        using var caller = CreateCaller(server.Urls.Single(), new() { ["Tls:ServerCertificateAuthority"] = certificates.CertificatePath("ca") });

        var error = await AssertRefusedAsync(() => CheckAsync(caller.Services.GetRequiredService<Health.HealthClient>()));
        Assert.Contains("RemoteCertificateNameMismatch", error.Status.Detail, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> MutualTls() => new()
    {
        ["Kestrel:Endpoints:grpc:ClientCertificateMode"] = "RequireCertificate",
        ["Tls:ClientCertificateAuthority"] = certificates.CertificatePath("ca"),
    };

    /// <summary>A service on Kestrel whose grpc endpoint is https on a free loopback port, with <paramref name="settings"/> on top.</summary>
    private async Task<WebApplication> StartServerAsync(Dictionary<string, string?> settings, ConcurrentQueue<string>? protocols = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:grpc:Certificate:Path"] = certificates.CertificatePath("server"),
            ["Kestrel:Endpoints:grpc:Certificate:KeyPath"] = certificates.KeyPath("server"),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var builder = TestApp.CreateBuilder(TestApp.UniqueName("tls"), all, onTestServer: false);
        builder.AddServiceDefaults();
        var app = builder.Build();
        if (protocols is not null)
        {
            app.Use((context, next) =>
            {
                protocols.Enqueue($"{context.Request.Protocol} {Alpn(context)}");
                return next(context);
            });
        }
        app.MapDefaultEndpoints();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>A second process's host, as a calling service registers its client.</summary>
    private static IHost CreateCaller(string address, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["services:svc:grpc:0"] = address });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGrpcServiceClient<Health.HealthClient>("svc");
        return builder.Build();
    }

    /// <summary>A plain Grpc.Net.Client channel that trusts the test CA, independent of ServiceDefaults.</summary>
    private GrpcChannel TestChannel(string address, X509Certificate2? clientCertificate)
    {
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(certificates.Authority);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = trust;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static async Task<HealthCheckResponse> CheckAsync(Health.HealthClient client) =>
        await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));

    // Refused by the TLS handshake or a connection closed right after it (Unavailable or Internal, depending on
    // when the client notices): a transport failure, not the deadline nor any other error of the call.
    private static async Task<RpcException> AssertRefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.IsType<HttpRequestException>(error.Status.DebugException);
        return error;
    }

    private static string Alpn(HttpContext context) =>
        context.Features.Get<ITlsApplicationProtocolFeature>() is { } tls ? Encoding.ASCII.GetString(tls.ApplicationProtocol.Span) : "(no ALPN)";
}
