using Monitoring.API.Comparing;
using Monitoring.API.Consumers;
using Monitoring.API.Evaluation;
using Monitoring.API.Following;
using Monitoring.API.Grpc;
using Monitoring.API.Infrastructure;
using Monitoring.API.Reports;
using Monitoring.API.Watch;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.ServiceDefaults;

namespace Monitoring.API.Extensions;

internal static class Extensions
{
    /// <summary>
    /// The service's wiring: its database (migrated before anything else starts), the bus with its consumers and the
    /// outbox, Redis, the agreements and KPI services as gRPC clients with the service's own token, the change feed,
    /// and the gRPC service with its access rules.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<MonitoringDbContext>(MonitoringDbContext.ConnectionName);
        builder.AddDatabaseMigrations<MonitoringDbContext>();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<AgreementInForceConsumer>();
            bus.AddConsumer<AgreementWithdrawnConsumer>();
            bus.AddConsumer<AgreementStatusConsumer>();
            bus.AddConsumer<DialogueHeldConsumer>();
            bus.AddConsumer<KpiDataIngestedConsumer>();
            bus.AddConsumer<PartyChangedConsumer>();
            // One queue per replica, deleted with it: every replica hears of every replica's status changes.
            bus.AddConsumer<StatusChangeDoorbell>().Endpoint(endpoint =>
            {
                endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
                endpoint.Temporary = true;
            });
        });
        builder.AddOutbox<MonitoringDbContext>(options => builder.Configuration.GetSection("Outbox").Bind(options));
        builder.AddRedisCache();
        builder.AddGrpcServiceClient<Agreements.AgreementsClient>("agreements");
        builder.AddGrpcServiceClient<Zielsteuerung.Kpi.V1.Kpi.KpiClient>("kpi-ingestion");
        builder.AddGrpcServiceClient<Zielsteuerung.Parties.V1.PartyRegistry.PartyRegistryClient>("party-registry");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChangeFeed>());
        builder.Services.AddScoped<SteeringSource>();
        builder.Services.AddScoped<TargetEvaluator>();
        builder.Services.AddScoped<OverviewCache>();
        builder.Services.AddScoped<AttainmentWriter>();
        builder.Services.AddScoped<AgreementFollower>();
        builder.Services.AddScoped<PeerComparer>();
        builder.Services.AddScoped<DialogueReports>();
        builder.Services.AddSingleton<MonitoringService>();
        builder.AddServiceAccess(MonitoringService.Access);
        builder.AddGrpcServiceHealth(Zielsteuerung.Monitoring.V1.Monitoring.Descriptor.FullName);
        builder.WaitForReadyDependencies();
        return builder;
    }
}
