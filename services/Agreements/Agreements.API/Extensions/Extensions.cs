using Agreements.API.Application;
using Agreements.API.Caching;
using Agreements.API.Grpc;
using Agreements.API.Infrastructure;
using Agreements.API.Parties;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.ServiceDefaults;

namespace Agreements.API.Extensions;

internal static class Extensions
{
    /// <summary>
    /// The service's wiring: its database (migrated before anything else starts), the bus and the outbox, Redis, the
    /// party registry as a gRPC client with the service's own token, and the gRPC service with its access rules.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<AgreementsDbContext>(AgreementsDbContext.ConnectionName);
        builder.AddDatabaseMigrations<AgreementsDbContext>();
        builder.AddMessaging();
        builder.AddOutbox<AgreementsDbContext>(options => builder.Configuration.GetSection("Outbox").Bind(options));
        builder.AddRedisCache();
        builder.AddGrpcServiceClient<PartyRegistry.PartyRegistryClient>("party-registry");

        builder.Services.AddGrpc(options =>
        {
            // A document may be up to 4 MiB; the request around it needs a little more.
            options.MaxReceiveMessageSize = AgreementsApp.MaxDocumentBytes + 64 * 1024;
            options.Interceptors.Add<AgreementsErrorInterceptor>();
        });
        builder.Services.AddSingleton<AgreementsErrorInterceptor>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GermanClock>();
        builder.Services.AddSingleton<AgreementsTelemetry>();
        builder.Services.AddSingleton<PartyDirectory>();
        builder.Services.AddSingleton<AgreementCache>();
        builder.Services.AddScoped<AgreementStore>();
        builder.Services.AddScoped<AgreementsApp>();
        builder.Services.AddSingleton<AgreementsService>();
        builder.AddServiceAccess(AgreementsService.Access);
        builder.AddGrpcServiceHealth(Zielsteuerung.Agreements.V1.Agreements.Descriptor.FullName);
        builder.Services.AddHostedService<MeasureDueNotifier>();
        builder.WaitForReadyDependencies();
        return builder;
    }
}
