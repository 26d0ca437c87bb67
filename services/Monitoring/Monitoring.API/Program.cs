using Monitoring.API.Extensions;
using Monitoring.API.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<MonitoringService>();
app.Run();

/// <summary>The entry point; public for in-process hosting in tests.</summary>
public partial class Program;
