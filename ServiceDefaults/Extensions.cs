using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Zielsteuerung.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Zielsteuerung service starts with: <c>builder.AddServiceDefaults()</c> first in Program.cs,
/// <c>app.MapDefaultEndpoints()</c> after building the app.
/// </summary>
public static class Extensions
{
    /// <summary>Path of the readiness endpoint: all health checks (dependencies tagged "ready" included) pass.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint: only the checks tagged "live" (the process answers).</summary>
    public const string AlivePath = "/alive";

    /// <summary>Port of the local "http" endpoint (HTTP/1.1) when no Kestrel endpoint is configured.</summary>
    public const int DefaultHttpPort = 5080;

    /// <summary>Port of the local "grpc" endpoint (HTTP/2, h2c) when no Kestrel endpoint is configured.</summary>
    public const int DefaultGrpcPort = 5081;

    /// <summary>
    /// OpenTelemetry (traces, metrics, logs; OTLP export only when OTEL_EXPORTER_OTLP_ENDPOINT is set), the health
    /// checks, the gRPC server with reflection, local Kestrel endpoints when none are configured, and access control:
    /// bearer tokens of the identity service, and every gRPC method but health and reflection denied unless the
    /// service declares an access rule for it (<c>AddServiceAccess</c>).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultKestrelEndpoints();
        builder.AddTlsDefaults();
        builder.Services.AddGrpc(grpc => grpc.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcReflection();
        builder.AddAccessControl(ServiceName(builder));
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry.Extensions.Hosting: ASP.NET Core (the gRPC server spans),
    /// HttpClient and Grpc.Net.Client, the runtime, the sources and meters of <see cref="TelemetryNames"/> and the
    /// service's own (<see cref="ServiceTelemetry"/>). service.name is OTEL_SERVICE_NAME (the AppHost sets the resource
    /// name), else the application name; the SDK reads OTEL_RESOURCE_ATTRIBUTES and the OTEL_TRACES_SAMPLER settings.
    /// OTLP export only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost points it at the dashboard).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var serviceName = ServiceName(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddSingleton(_ => new ServiceTelemetry(serviceName));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([.. TelemetryNames.Meters, serviceName]))
            .WithTracing(tracing => tracing
                .AddSource([.. TelemetryNames.ActivitySources, serviceName])
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());
        if (IsOtlpExportEnabled(builder.Configuration))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// The "self" check tagged "live", and grpc.health.v1 fed by the checks tagged "ready" (dependencies add their own
    /// checks with that tag): Healthy and Degraded answer SERVING, Unhealthy NOT_SERVING, for the server as a whole
    /// ("") and for each service named with <see cref="AddGrpcServiceHealth"/>. Check evaluates the checks on each call;
    /// Watch is fed by the health check publisher, which runs at once and then every 5 s.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpcHealthChecks(grpc => grpc.Services.Map("", IsReadyCheck))
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = TimeSpan.FromSeconds(5);
        });
        return builder;
    }

    /// <summary>Reports <paramref name="serviceName"/> (a full gRPC service name) in grpc.health.v1 as the server's readiness.</summary>
    public static TBuilder AddGrpcServiceHealth<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        builder.Services.Configure<GrpcHealthChecksOptions>(grpc => grpc.Services.Map(serviceName, IsReadyCheck));
        return builder;
    }

    /// <summary>
    /// /health (all checks; Degraded still answers 200), /alive (checks tagged "live"), and over gRPC
    /// grpc.health.v1.Health and server reflection (v1 and v1alpha).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    internal static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;

    internal static bool IsOtlpExportEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    // "self" (live) always counts, so that a server without dependencies answers SERVING rather than UNKNOWN.
    private static bool IsReadyCheck(HealthCheckMapContext check) => check.Tags.Contains("ready") || check.Tags.Contains("live");

    // The AppHost probes /health and /alive every few seconds: spans of them would drown the traces that matter.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(AlivePath, StringComparison.OrdinalIgnoreCase);

    internal static bool HasConfiguredEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()
        || !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"]);

    // The AppHost configures the named endpoints "grpc" (HTTP/2) and "http" (HTTP/1.1) through
    // Kestrel__Endpoints__*; run on its own, a service listens on loopback with the same split.
    private static void AddDefaultKestrelEndpoints(this IHostApplicationBuilder builder)
    {
        if (HasConfiguredEndpoints(builder.Configuration))
        {
            return;
        }
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, DefaultHttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, DefaultGrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }
}
