using Zielsteuerung.ServiceDefaults;
using PartyRegistry.API.Application;
using PartyRegistry.API.Caching;
using PartyRegistry.API.Grpc;
using PartyRegistry.API.Import;
using PartyRegistry.API.Infrastructure;

namespace PartyRegistry.API.Extensions;

internal static class Extensions
{
    /// <summary>
    /// The registry's wiring. The order of the hosted services matters: they start one after another, so the schema is
    /// migrated before the outbox relay polls and before the reference data is loaded. The reference data loads while
    /// the bus and the relay start; the last hosted service waits for it, so the server listens only afterwards.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<PartiesDbContext>(PartiesDbContext.ConnectionName);
        builder.AddDatabaseMigrations<PartiesDbContext>();
        var loadReferenceData = builder.Configuration.GetValue("PartyRegistry:LoadReferenceData", true);
        if (loadReferenceData)
        {
            builder.Services.AddSingleton<ReferenceDataLoader>();
            builder.Services.AddHostedService(services => services.GetRequiredService<ReferenceDataLoader>());
        }

        builder.AddMessaging();
        // Tunable per environment (Outbox__MaxBackoff=00:00:02 in tests that restart the broker).
        builder.AddOutbox<PartiesDbContext>(options => builder.Configuration.GetSection("Outbox").Bind(options));
        builder.AddRedisCache();

        builder.Services.AddGrpc(options =>
        {
            // An import file may be up to 4 MiB; the request around it needs a little more.
            options.MaxReceiveMessageSize = PartyRegistryService.MaxImportBytes + 64 * 1024;
            options.Interceptors.Add<RegistryErrorInterceptor>();
        });
        builder.Services.AddSingleton<RegistryErrorInterceptor>(); // stateless: resolved, not created, per call
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GermanClock>();
        builder.Services.AddSingleton<RegistryTelemetry>();
        builder.Services.AddSingleton<PartyCache>();
        builder.Services.AddScoped<PartyStore>();
        builder.Services.AddScoped<Registry>();
        // One instance for all calls (grpc-dotnet uses the registered one): a cached GetParty allocates no service.
        builder.Services.AddSingleton<PartyRegistryService>();
        builder.AddServiceAccess(PartyRegistryService.Access);
        builder.AddGrpcServiceHealth(Zielsteuerung.Parties.V1.PartyRegistry.Descriptor.FullName);
        if (loadReferenceData)
        {
            builder.Services.AddHostedService<ReferenceDataReady>();
        }

        builder.WaitForReadyDependencies();

        return builder;
    }
}
