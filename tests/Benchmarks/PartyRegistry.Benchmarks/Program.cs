using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PartyRegistry.API.Extensions;
using PartyRegistry.API.Grpc;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Zielsteuerung.Testing;
using Zielsteuerung.Parties.V1;

// The .NET side of tests/Benchmarks/party-registry-bench.sh (docs/bench/party-registry.md).
//   host                       the AppHost's topology (PostgreSQL, Redis, RabbitMQ, the party registry); prints
//                              "PORT <grpc port>" when all are healthy, stops everything when stdin closes
//   serve-bare <db> <redis> <rabbitmq>
//                              for diagnosis: the registry's services and gRPC service in a slim host of this process,
//                              without ServiceDefaults (no telemetry, logging, health), on a free port; prints "PORT <n>"
//   request-file <path> <id>   the h2load request body: one gRPC frame of GetPartyRequest { id }
return args switch
{
    ["host"] => await HostAsync(),
    ["serve-bare", var db, var redis, var rabbitmq] => await ServeBareAsync(db, redis, rabbitmq),
    ["request-file", var path, var id] => WriteRequest(path, id),
    _ => Usage(),
};

static async Task<int> HostAsync()
{
    // Experiments: PARTY_REGISTRY_BENCH_ENV="Name=value;Name2=value2" is passed to the service.
    var experiments = (Environment.GetEnvironmentVariable("PARTY_REGISTRY_BENCH_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => (Name: pair[..pair.IndexOf('=', StringComparison.Ordinal)], Value: pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]));
    await using var topology = await TestTopology.StartAsync(builder =>
    {
        var registry = builder.CreateResourceBuilder<ProjectResource>("party-registry").WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
        foreach (var (name, value) in experiments)
        {
            registry.WithEnvironment(name, value);
        }
    });

    // The service's own port, as a deployment exposes it (not the port of DCP's development proxy in front of it):
    // the URL Aspire gave Kestrel, as the dashboard lists it among the resource's environment variables.
    topology.App.ResourceNotifications.TryGetCurrentState("party-registry", out var registry);
    var grpcUrl = new Uri(registry!.Snapshot.EnvironmentVariables.Single(v => v.Name == "Kestrel__Endpoints__grpc__Url").Value!);
    Console.WriteLine($"PORT {grpcUrl.Port}");
    Console.WriteLine($"CONNECTIONS {await topology.App.GetConnectionStringAsync("parties-db")} {await topology.App.GetConnectionStringAsync("redis")} {await topology.App.GetConnectionStringAsync("rabbitmq")}");
    await Console.In.ReadToEndAsync();
    return 0;
}

static async Task<int> ServeBareAsync(string db, string redis, string rabbitmq)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration["ConnectionStrings:parties-db"] = db;
    builder.Configuration["ConnectionStrings:redis"] = redis;
    builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitmq;
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

    builder.AddApplicationServices();
    var app = builder.Build();
    app.MapGrpcService<PartyRegistryService>();
    await app.StartAsync();
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    Console.WriteLine($"PORT {address.Port}");
    await Console.In.ReadToEndAsync();
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
    Console.Error.WriteLine("usage: PartyRegistry.Benchmarks host | request-file PATH PARTY_ID");
    return 2;
}
