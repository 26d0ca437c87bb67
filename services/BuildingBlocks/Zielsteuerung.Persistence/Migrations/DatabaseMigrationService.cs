using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zielsteuerung.Persistence.Migrations;

// Hosted services start one after another before the server listens, so the service neither
// serves nor reports ready on an old schema; a failure here stops the host.
internal sealed class DatabaseMigrationService<TContext>(IServiceScopeFactory scopes, ILogger<MigrationRunner> logger)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrations = SqlMigrations.FromAssembly(typeof(TContext).Assembly);
        if (migrations.Count == 0)
        {
            logger.LogWarning("No embedded migrations found in {Assembly}.", typeof(TContext).Assembly.GetName().Name);
            return;
        }
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string.");
        }
        await new MigrationRunner(connectionString, logger).ApplyAsync(migrations, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
