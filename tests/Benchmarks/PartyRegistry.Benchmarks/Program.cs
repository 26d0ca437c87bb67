using System.Buffers.Binary;
using Google.Protobuf;
using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Testing;
using Zielsteuerung.Parties.V1;

// The .NET side of tests/Benchmarks/party-registry-bench.sh (docs/bench/party-registry.md).
//   host                       PostgreSQL, Redis, RabbitMQ and the party registry (as the AppHost runs it); prints
//                              "PORT <grpc port>" when all are healthy, stops everything when stdin closes
//   request-file <path> <id>   the h2load request body: one gRPC frame of GetPartyRequest { id }
return args switch
{
    ["host"] => await HostAsync(),
    ["request-file", var path, var id] => WriteRequest(path, id),
    _ => Usage(),
};

static async Task<int> HostAsync()
{
    var builder = DistributedApplicationTestingBuilder.Create();
    var db = builder.AddPostgres("postgres").AddDatabase("parties-db", "parties");
    var rabbitmq = builder.AddRabbitMQ("rabbitmq");
    var redis = builder.AddRedis("redis");
    builder.AddProject("party-registry", new PartyRegistryProject())
        .WithReference(db).WithReference(rabbitmq).WithReference(redis)
        .WaitFor(db).WaitFor(rabbitmq).WaitFor(redis)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
    await using var app = await builder.BuildAndStartAsync(TimeSpan.FromSeconds(180));
    Console.WriteLine($"PORT {app.GetEndpoint("party-registry", "grpc").Port}");
    await Console.In.ReadToEndAsync();
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

/// <summary>The registry built next to this program (same configuration and target framework).</summary>
internal sealed class PartyRegistryProject : IProjectMetadata
{
    private static readonly DirectoryInfo Output = new(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../.."));

    public string ProjectPath => Path.Combine(Root, "services/PartyRegistry/PartyRegistry.API/PartyRegistry.API.csproj");

    public string ExecutablePath => Path.Combine(
        Root, "services/PartyRegistry/PartyRegistry.API/bin", Output.Parent!.Name, Output.Name, "PartyRegistry.API.dll");
}
