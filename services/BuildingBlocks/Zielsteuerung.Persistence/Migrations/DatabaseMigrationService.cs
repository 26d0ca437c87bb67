using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

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
        await using var scope = scopes.CreateAsyncScope();
        // A fresh connection like the context's (same data source and credentials), owned by the runner.
        var template = (NpgsqlConnection)scope.ServiceProvider.GetRequiredService<TContext>().Database.GetDbConnection();
        await new MigrationRunner(() => (NpgsqlConnection)((ICloneable)template).Clone(), logger).ApplyAsync(migrations, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
