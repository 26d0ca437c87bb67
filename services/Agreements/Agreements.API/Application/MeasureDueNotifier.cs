using Agreements.API.Infrastructure;
using Agreements.API.Model;
using Microsoft.EntityFrameworkCore;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Messaging;
using Zielsteuerung.Persistence;
using Zielsteuerung.ServiceDefaults;

namespace Agreements.API.Application;

/// <summary>
/// Publishes <see cref="MeasureDue"/> once for every steering measure whose due date has come while it is still open
/// or in progress: checks every <c>Agreements:MeasureDueInterval</c> (default 15 min), marks each measure in the same
/// transaction as its outbox message, so a restart neither loses nor repeats one. Several instances share the work
/// (FOR UPDATE SKIP LOCKED).
/// </summary>
internal sealed class MeasureDueNotifier(IServiceScopeFactory scopes, GermanClock clock, IConfiguration configuration, ILogger<MeasureDueNotifier> logger)
    : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Agreements:MeasureDueInterval", TimeSpan.FromMinutes(15));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                while (await PublishDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Publishing due measures failed; trying again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One batch; returns how many measures it published.</summary>
    internal async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        using var quiet = DatabaseTracing.Suppress();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgreementsDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<AgreementStore>();
        var today = clock.Today();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Measures.FromSql($"""
                SELECT * FROM agreement_measures
                WHERE due_on <= {today} AND due_published_at IS NULL AND state IN ('open', 'in_progress')
                ORDER BY due_on LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            foreach (var row in due)
            {
                var (record, _) = await store.FindAsync(row.AgreementId, cancellationToken)
                    ?? throw new InvalidOperationException($"agreement {row.AgreementId} of measure {row.MeasureId} has no revision.");
                var aggregate = new AgreementAggregate(record);
                var measure = aggregate.Header.Dialogues.Single(d => d.Id == row.DialogueId).Measures.Single(m => m.Id == row.MeasureId);
                db.AddOutboxMessage(AgreementEventFactory.Stamped(new MeasureDue
                {
                    DialogueId = row.DialogueId,
                    MeasureId = row.MeasureId,
                    Title = measure.Title,
                    OwnerPartyId = measure.OwnerPartyId,
                    DueOn = row.DueOn,
                }, aggregate, aggregate.Current, row.DueOn, "agreements-service"));
                row.DuePublishedAt = clock.Time.GetUtcNow();
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        });
    }
}
