using Identity.API.Extensions;
using Identity.API.Grpc;
using Identity.API.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTokenEndpoint();
app.MapGrpcService<ClientAdminService>();
app.Run();

/// <summary>The entry point; public for in-process hosting in tests.</summary>
public partial class Program;
