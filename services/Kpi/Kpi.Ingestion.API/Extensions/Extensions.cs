using Kpi.Ingestion.API.Deliveries;
using Kpi.Ingestion.API.Grpc;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Reads;
using Kpi.Ingestion.API.Registry;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.ServiceDefaults;

namespace Kpi.Ingestion.API.Extensions;

internal static class Extensions
{
    /// <summary>
    /// The service's wiring: its database (migrated before anything else starts), the bus and the outbox, Redis, the
    /// party registry as a gRPC client with the service's own token, and the gRPC service with its access rules.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<KpiDbContext>(KpiDbContext.ConnectionName);
        builder.AddDatabaseMigrations<KpiDbContext>();
        builder.AddMessaging();
        builder.AddOutbox<KpiDbContext>(options => builder.Configuration.GetSection("Outbox").Bind(options));
        builder.AddRedisCache();
        builder.AddGrpcServiceClient<PartyRegistry.PartyRegistryClient>("party-registry");
        builder.Services.Configure<KpiOptions>(builder.Configuration.GetSection("Kpi"));

        builder.Services.AddGrpc(options =>
        {
            // A chunk of rows; the importer sends 2,000 rows (~150 KiB) per message.
            options.MaxReceiveMessageSize = 16 * 1024 * 1024;
            options.Interceptors.Add<KpiErrorInterceptor>();
        });
        builder.Services.AddSingleton<KpiErrorInterceptor>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GermanClock>();
        builder.Services.AddSingleton<CodeBook>();
        builder.Services.AddSingleton<KpiTelemetry>();
        builder.Services.AddSingleton<JobcenterDirectory>();
        builder.Services.AddSingleton<ValueReader>();
        builder.Services.AddScoped<LocalIndicators>();
        builder.Services.AddScoped<DeliveryReports>();
        builder.Services.AddScoped<DeliveryIntake>();
        builder.Services.AddScoped<KpiQueries>();
        builder.Services.AddSingleton<KpiService>();
        builder.AddServiceAccess(KpiService.Access);
        builder.AddGrpcServiceHealth(Zielsteuerung.Kpi.V1.Kpi.Descriptor.FullName);
        builder.WaitForReadyDependencies();
        return builder;
    }
}
