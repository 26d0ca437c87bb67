using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
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
    /// OpenTelemetry (traces, metrics, logs; OTLP export only when OTEL_EXPORTER_OTLP_ENDPOINT is set),
    /// the "self" liveness check, the gRPC server, and local Kestrel endpoints when none are configured.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultKestrelEndpoints();
        builder.Services.AddTransient<IStartupFilter, ServerSpanStartupFilter>();
        builder.Services.AddGrpc(grpc => grpc.EnableDetailedErrors = builder.Environment.IsDevelopment());
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry with the sources and meters of <see cref="TelemetryNames"/> plus
    /// the service's own (<see cref="ServiceTelemetry"/>). The providers live as long as the host and are flushed
    /// and disposed with it. Resource: service.name from OTEL_SERVICE_NAME (else the application name) and the
    /// attributes of OTEL_RESOURCE_ATTRIBUTES. OTLP export (protocol from OTEL_EXPORTER_OTLP_PROTOCOL) only when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var serviceName = ServiceName(builder);
        var exportOtlp = IsOtlpExportEnabled(configuration);
        var resource = CreateResource(serviceName, configuration);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (exportOtlp)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ => new ServiceTelemetry(serviceName));
        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
                .SetResourceBuilder(resource)
                .AddSource([.. TelemetryNames.ActivitySources, serviceName]);
            if (exportOtlp)
            {
                tracing.AddOtlpExporter();
            }
            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
                .SetResourceBuilder(resource)
                .AddMeter([.. TelemetryNames.Meters, serviceName]);
            if (exportOtlp)
            {
                metrics.AddOtlpExporter();
            }
            return metrics.Build();
        });
        builder.Services.AddHostedService<TelemetryActivation>();
        return builder;
    }

    /// <summary>
    /// The "self" check tagged "live", and grpc.health.v1 fed by the checks tagged "ready" (dependencies add
    /// their own checks with that tag).
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// /health (all checks; Degraded still answers 200), /alive (checks tagged "live"), and over gRPC
    /// grpc.health.v1.Health and server reflection.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        return app;
    }

    internal static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;

    internal static bool IsOtlpExportEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    private static ResourceBuilder CreateResource(string serviceName, IConfiguration configuration)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        // Read through IConfiguration as well, so values from appsettings or tests count, not only the environment.
        if (configuration["OTEL_RESOURCE_ATTRIBUTES"] is { Length: > 0 } attributes)
        {
            resource.AddAttributes(ParseResourceAttributes(attributes));
        }
        return resource;
    }

    // OTEL_RESOURCE_ATTRIBUTES: comma-separated key=value pairs, values percent-encoded (OpenTelemetry SDK spec).
    internal static IEnumerable<KeyValuePair<string, object>> ParseResourceAttributes(string attributes)
    {
        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return new(pair[..equals].Trim(), Uri.UnescapeDataString(pair[(equals + 1)..].Trim()));
            }
        }
    }

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
