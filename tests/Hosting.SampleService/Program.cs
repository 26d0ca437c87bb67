// Behaves as our services do towards the AppHost: named Kestrel endpoints from Kestrel__Endpoints__*, /health and /alive
// over HTTP/1.1, grpc.health.v1.Health/Check over h2c. GET /config/{key} shows what the AppHost injected.
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["Sample:ExitAtStart"] is { } exitCode)
{
    Console.Error.WriteLine($"sample: exiting at start with code {exitCode}, as configured");
    return int.Parse(exitCode, System.Globalization.CultureInfo.InvariantCulture);
}

var app = builder.Build();

app.MapGet("/health", () => Results.Text("Healthy"));
app.MapGet("/alive", () => Results.Text("Healthy"));
app.MapGet("/config/{**key}", (string key, IConfiguration configuration) =>
    configuration[key.Replace("__", ":", StringComparison.Ordinal)] is { } value ? Results.Text(value) : Results.NotFound());
app.MapGet("/pid", () => Results.Text(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

// grpc.health.v1.Health/Check, whole server: a length-prefixed HealthCheckResponse { status = SERVING (1) } — or
// NOT_SERVING (2) when Sample:GrpcNotServing is set.
var grpcStatus = builder.Configuration["Sample:GrpcNotServing"] is null ? (byte)1 : (byte)2;
app.MapPost("/grpc.health.v1.Health/Check", async (HttpContext context) =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/grpc";
    await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 2, 0x08, grpcStatus });
    context.Response.AppendTrailer("grpc-status", "0");
});

app.Run();
return 0;
