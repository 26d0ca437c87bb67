using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Trace;
using Zielsteuerung.Persistence;
using Zielsteuerung.Persistence.Migrations;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a service's PostgreSQL database.</summary>
public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> (scoped, from a pool of contexts) on PostgreSQL with the connection string
    /// <c>ConnectionStrings:{connectionName}</c>, retries on transient failures, and a health check
    /// named <paramref name="connectionName"/> tagged "ready". The <see cref="NpgsqlDataSource"/> is registered keyed by
    /// <paramref name="connectionName"/> (for Dapper or raw Npgsql). Every <see cref="IInterceptor"/> registered
    /// in the container (for example the outbox's) is added to the context.
    /// </summary>
    /// <remarks>
    /// Because of the retrying execution strategy, an explicit transaction must run inside
    /// <c>db.Database.CreateExecutionStrategy().ExecuteAsync(…)</c>; a single <c>SaveChangesAsync</c> needs nothing.
    /// </remarks>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configureOptions = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it).");

        builder.Services.TryAddKeyedSingleton(connectionName, (_, _) =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => !DatabaseTracing.IsSuppressed));
            return dataSource.Build();
        });
        // The statements as client spans under the request's span (Npgsql's ActivitySource).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        // Pooled: a request leases a context that was built once. Building one per request (even one a cached read
        // never uses) resolves EF Core's internal service provider from the options each time, which was a third of
        // everything a cached GetAgreement allocated.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(
                services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName),
                npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null));
            options.AddInterceptors(services.GetServices<IInterceptor>());
            configureOptions?.Invoke(options);
        });

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new NpgsqlHealthCheck(services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName)),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>
    /// Applies the SQL migrations embedded in <typeparamref name="TContext"/>'s assembly
    /// (<c>Migrations/NNNN_name.sql</c>, see <see cref="SqlMigrations.FromAssembly"/>) when the host starts,
    /// before the server listens: the host does not start (and so never reports ready) until they are applied,
    /// and a failed or edited migration stops the start with an error naming the file.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseMigrations<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<DatabaseMigrationService<TContext>>();
        return builder;
    }
}
