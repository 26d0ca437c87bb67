using PartyRegistry.API.Extensions;
using PartyRegistry.API.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<PartyRegistryService>();
app.Run();

/// <summary>The entry point; public for in-process hosting in tests.</summary>
public partial class Program;
