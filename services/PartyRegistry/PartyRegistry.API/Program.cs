using PartyRegistry.API.Extensions;
using PartyRegistry.API.Grpc;
using Zielsteuerung.Parties.V1;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<PartyRegistryService>(PartyRegistryClient.Descriptor);
app.Run();

/// <summary>The entry point; public for in-process hosting in tests.</summary>
public partial class Program;
