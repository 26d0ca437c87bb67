using Kpi.Ingestion.API.Extensions;
using Kpi.Ingestion.API.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<KpiService>();
app.Run();

/// <summary>The entry point; public for in-process hosting in tests.</summary>
public partial class Program;
