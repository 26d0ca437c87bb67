using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PartyRegistry.API.Extensions;
using PartyRegistry.API.Grpc;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Zielsteuerung.Authorization;
using Zielsteuerung.Testing;
using Zielsteuerung.Parties.V1;

// The .NET side of tests/Benchmarks/party-registry-bench.sh and identity-bench.sh (docs/bench/party-registry.md,
// docs/bench/identity.md).
//   host [ENV_FILE]            the AppHost's topology (PostgreSQL, Redis, RabbitMQ, identity, the party registry); when
//                              all are healthy prints "CONNECTIONS <db> <redis> <rabbitmq>", "IDENTITY <authority>",
//                              "TOKEN <jwt>" (mags-nrw, parties.read), "TOKEN_REQUEST <url> <form>" (the same client's
//                              client-credentials request at the identity service's own port), and last "PORT <grpc
//                              port>"; writes the environment the AppHost gave the registry to ENV_FILE (JSON); stops
//                              everything when stdin closes
//   serve-auth ENV_FILE        the registry hosted exactly as its Program.cs does, with the environment of ENV_FILE
//                              (the deployed registry's: same databases, same identity service) on other ports
//   serve-open ENV_FILE        the same, but without the access interceptor: the reference with authentication off
//   serve-bare <db> <redis> <rabbitmq> <authority>
//                              for diagnosis: the registry's services, access control and gRPC service in a slim host
//                              of this process, without the rest of ServiceDefaults (no telemetry, logging, health)
//   request-file <path> <id>   the h2load request body: one gRPC frame of GetPartyRequest { id }
return args switch
{
    ["host"] => await HostAsync(null),
    ["host", var envFile] => await HostAsync(envFile),
    ["serve-auth", var envFile] => await ServeAsync(envFile, open: false),
    ["serve-open", var envFile] => await ServeAsync(envFile, open: true),
    ["serve-bare", var db, var redis, var rabbitmq, var authority] => await ServeBareAsync(db, redis, rabbitmq, authority),
    ["request-file", var path, var id] => WriteRequest(path, id),
    _ => Usage(),
};

static async Task<int> HostAsync(string? envFile)
{
    // Experiments: PARTY_REGISTRY_BENCH_ENV="Name=value;Name2=value2" is passed to the registry,
    // PARTY_REGISTRY_BENCH_IDENTITY_ENV to the identity service (e.g. DOTNET_PerfMapEnabled=1 for perf).
    await using var topology = await TestTopology.StartAsync(builder =>
    {
        var registry = builder.CreateResourceBuilder<ProjectResource>("party-registry").WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
        foreach (var (name, value) in ExperimentVariables.From("PARTY_REGISTRY_BENCH_ENV"))
        {
            registry.WithEnvironment(name, value);
        }

        var identity = builder.CreateResourceBuilder<ProjectResource>("identity");
        foreach (var (name, value) in ExperimentVariables.From("PARTY_REGISTRY_BENCH_IDENTITY_ENV"))
        {
            identity.WithEnvironment(name, value);
        }
    });

    // The services' own ports, as a deployment exposes them (not the ports of DCP's development proxies in front of
    // them): the URLs Aspire gave Kestrel, as the dashboard lists them among the resources' environment variables.
    var registryEnvironment = topology.ResourceEnvironment("party-registry");
    var grpcUrl = new Uri(registryEnvironment["Kestrel__Endpoints__grpc__Url"]);
    var identityUrl = new Uri(topology.ResourceEnvironment("identity")["Kestrel__Endpoints__http__Url"]);
    if (envFile is not null)
    {
        await File.WriteAllTextAsync(envFile, JsonSerializer.Serialize(registryEnvironment));
    }

    Console.WriteLine($"CONNECTIONS {await topology.App.GetConnectionStringAsync("parties-db")} {await topology.App.GetConnectionStringAsync("redis")} {await topology.App.GetConnectionStringAsync("rabbitmq")}");
    // The issuer the registry trusts (services__identity__http__0, which the AppHost's WithReference(identity) sets).
    Console.WriteLine($"IDENTITY {registryEnvironment["services__identity__http__0"]}");
    using var tokens = new DevelopmentTokens(topology.App);
    // The secret passed explicitly: GetAsync(client, scope) with one scope binds the scope to the secret parameter.
    var secret = await tokens.SecretAsync(BenchClient.Id);
    Console.WriteLine($"TOKEN {await tokens.GetWithSecretAsync(BenchClient.Id, secret, Scopes.PartiesRead)}");
    var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(BenchClient.Id)}&client_secret={Uri.EscapeDataString(secret)}&scope={Uri.EscapeDataString(Scopes.PartiesRead)}";
    Console.WriteLine($"TOKEN_REQUEST http://127.0.0.1:{identityUrl.Port}/connect/token {form}");
    Console.WriteLine($"PORT {grpcUrl.Port}");
    await UntilStdinClosesAsync(topology.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
    return 0;
}

// The registry as its Program.cs hosts it (AddServiceDefaults, AddApplicationServices, MapDefaultEndpoints,
// MapGrpcService), in the environment the AppHost gave the deployed one, its appsettings.json (copied to this output)
// as content; only its two Kestrel endpoints move to free ports. "open" removes the access interceptor and nothing else:
// authentication still runs (and finds no token), every method answers without one. Benchmark-only code.
static async Task<int> ServeAsync(string envFile, bool open)
{
    var environment = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(envFile))
        ?? throw new InvalidOperationException($"{envFile} holds no environment");
    var grpcPort = FreePort();
    foreach (var (name, value) in environment)
    {
        Environment.SetEnvironmentVariable(name, value);
    }

    // Its own instance in the telemetry the deployed registry exports (to the dashboard, when one listens).
    Environment.SetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id=bench-{(open ? "open" : "auth")}");
    Environment.SetEnvironmentVariable("Kestrel__Endpoints__grpc__Url", WithPort(environment["Kestrel__Endpoints__grpc__Url"], grpcPort));
    Environment.SetEnvironmentVariable("Kestrel__Endpoints__http__Url", WithPort(environment["Kestrel__Endpoints__http__Url"], FreePort()));

    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, ApplicationName = "PartyRegistry.API" });
    builder.AddServiceDefaults();
    builder.AddApplicationServices();
    if (!open && Environment.GetEnvironmentVariable("PARTY_REGISTRY_BENCH_TOKEN_CACHE") == "by-token")
    {
        // Diagnosis only: what GetParty with a token costs when accepted tokens are remembered by their text alone.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var handlers = jwt.TokenHandlers.ToList();
            jwt.TokenHandlers.Clear();
            foreach (var handler in handlers)
            {
                jwt.TokenHandlers.Add(new TokenTextCache(handler));
            }
        });
    }

    if (open)
    {
        builder.Services.PostConfigure<GrpcServiceOptions>(grpc =>
        {
            var access = grpc.Interceptors.Where(i => i.Type.FullName == "Zielsteuerung.Authorization.Access.AccessInterceptor").ToList();
            if (access.Count != 1)
            {
                throw new InvalidOperationException($"expected one access interceptor among [{string.Join(", ", grpc.Interceptors.Select(i => i.Type.FullName))}]");
            }

            grpc.Interceptors.Remove(access[0]);
        });
    }

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapGrpcService<PartyRegistryService>();
    await app.StartAsync();
    Console.WriteLine($"PORT {grpcPort}");
    await UntilStdinClosesAsync(app.Lifetime.ApplicationStopping);
    await app.StopAsync();
    return 0;

    static string WithPort(string url, int port) => new UriBuilder(url) { Port = port }.Uri.ToString().TrimEnd('/');
}

// The scripts stop a server by closing its stdin; SIGTERM (the scripts' clean-up) stops it as well.
static async Task UntilStdinClosesAsync(CancellationToken stopping)
{
    var closed = Console.In.ReadToEndAsync(CancellationToken.None);
    await Task.WhenAny(closed, Task.Delay(Timeout.Infinite, stopping));
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task<int> ServeBareAsync(string db, string redis, string rabbitmq, string authority)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration["ConnectionStrings:parties-db"] = db;
    builder.Configuration["ConnectionStrings:redis"] = redis;
    builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitmq;
    builder.Configuration["Identity:Authority"] = authority;
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
    // For diagnosis: PARTY_REGISTRY_BENCH_BARE_WITH=telemetry adds only ServiceDefaults' OpenTelemetry.
    if (Environment.GetEnvironmentVariable("PARTY_REGISTRY_BENCH_BARE_WITH") == "telemetry")
    {
        builder.ConfigureOpenTelemetry();
    }
    else
    {
        builder.Services.AddSingleton(new Zielsteuerung.ServiceDefaults.ServiceTelemetry("party-registry"));
    }

    // Access control as every service has it: GetParty is measured with a token here too.
    builder.AddAccessControl("party-registry");
    builder.AddApplicationServices();
    var app = builder.Build();
    app.MapGrpcService<PartyRegistryService>();
    await app.StartAsync();
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    Console.WriteLine($"PORT {address.Port}");
    await UntilStdinClosesAsync(app.Lifetime.ApplicationStopping);
    await app.StopAsync();
    return 0;
}

static int WriteRequest(string path, string id)
{
    var message = new GetPartyRequest { Id = id };
    var frame = new byte[5 + message.CalculateSize()];
    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(frame.Length - 5));
    message.WriteTo(frame.AsSpan(5));
    File.WriteAllBytes(path, frame);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: PartyRegistry.Benchmarks host [ENV_FILE]
               PartyRegistry.Benchmarks serve-auth|serve-open ENV_FILE
               PartyRegistry.Benchmarks serve-bare DB REDIS RABBITMQ AUTHORITY
               PartyRegistry.Benchmarks request-file PATH PARTY_ID
        """);
    return 2;
}

/// <summary>
/// Diagnosis only (serve-auth with PARTY_REGISTRY_BENCH_TOKEN_CACHE=by-token): a token handler in front of the service's
/// own that remembers each accepted token by its text, whatever validation parameters come with it, and never forgets
/// it (a benchmark lasts minutes, the token an hour). Not a design: it shows what a per-call validation costs.
/// </summary>
internal sealed class TokenTextCache(TokenHandler inner) : TokenHandler
{
    private readonly ConcurrentDictionary<string, Task<TokenValidationResult>> _accepted = new(StringComparer.Ordinal);

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        _accepted.TryGetValue(token, out var accepted) ? accepted : ValidateAndRememberAsync(token, validationParameters);

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid)
        {
            _accepted[token] = Task.FromResult(result);
        }

        return result;
    }
}

/// <summary>The development client the benchmarks call as (tests/Zielsteuerung.Testing/DevelopmentTokens.cs).</summary>
internal static class BenchClient
{
    public const string Id = "mags-nrw";
}
