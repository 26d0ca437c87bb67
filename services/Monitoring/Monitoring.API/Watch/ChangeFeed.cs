using Microsoft.EntityFrameworkCore;
using Monitoring.API.Infrastructure;
using Zielsteuerung.Persistence;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Watch;

/// <summary>
/// The log of status changes as this replica's watchers read it. The database is the truth: the feed follows
/// <c>status_changes</c> in position order, woken by this replica's own commits (<see cref="Ring"/>), by every
/// replica's <c>TargetStatusChanged</c> through the broker (<see cref="StatusChangeDoorbell"/>), and at the latest every
/// second. It keeps the newest changes in memory; a watcher further behind reads from the database.
/// </summary>
internal sealed partial class ChangeFeed(IServiceScopeFactory scopes, ILogger<ChangeFeed> logger) : BackgroundService
{
    private const int Kept = 20_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _doorbell = new(0, 1);
    private readonly Lock _lock = new();
    private readonly LinkedList<Mv.StatusChange> _recent = new();
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _latest = -1;

    /// <summary>The position of the newest change read so far (after start; -1 before).</summary>
    public long Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <summary>New changes may have been committed: read them now rather than at the next poll.</summary>
    public void Ring()
    {
        if (_doorbell.CurrentCount == 0)
        {
            try
            {
                _doorbell.Release();
            }
            catch (SemaphoreFullException)
            {
                // Rung twice at once: once is enough.
            }
        }
    }

    /// <summary>
    /// The position of the newest change committed by any replica: a watcher "from now" starts after it. The feed's own
    /// latest may lag by up to a poll, and a watcher must not be told what was committed before it subscribed.
    /// </summary>
    public async Task<long> NowAsync(CancellationToken cancellationToken)
    {
        while (Latest < 0)
        {
            await WaitAfterAsync(-1, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        return await db.StatusChanges.MaxAsync(c => (long?)c.Position, cancellationToken) ?? 0;
    }

    /// <summary>Completes when a change after <paramref name="position"/> has been read (or at once if it has).</summary>
    public Task WaitAfterAsync(long position, CancellationToken cancellationToken)
    {
        Task advanced;
        lock (_lock)
        {
            if (_latest > position)
            {
                return Task.CompletedTask;
            }

            advanced = _advanced.Task;
        }

        return advanced.WaitAsync(cancellationToken);
    }

    /// <summary>The changes after <paramref name="position"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Mv.StatusChange>> ReadAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_recent.First is { } first && first.Value.Position <= position + 1)
            {
                return _recent.SkipWhile(c => c.Position <= position).Take(limit).ToList();
            }

            if (_latest >= 0 && _latest <= position)
            {
                return [];
            }
        }

        return await ReadFromDatabaseAsync(position, limit, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                await _doorbell.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogReadFailed(e);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (Latest < 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            using (DatabaseTracing.Suppress())
            {
                var max = await db.StatusChanges.MaxAsync(c => (long?)c.Position, cancellationToken) ?? 0;
                Advance([], max);
            }
        }

        while (true)
        {
            var batch = await ReadFromDatabaseAsync(Latest, 1000, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            Advance(batch, batch[^1].Position);
        }
    }

    private void Advance(IReadOnlyList<Mv.StatusChange> batch, long latest)
    {
        TaskCompletionSource advanced;
        lock (_lock)
        {
            foreach (var change in batch)
            {
                _recent.AddLast(change);
            }

            while (_recent.Count > Kept)
            {
                _recent.RemoveFirst();
            }

            _latest = latest;
            advanced = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        advanced.TrySetResult();
    }

    private async Task<IReadOnlyList<Mv.StatusChange>> ReadFromDatabaseAsync(long position, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        using (DatabaseTracing.Suppress())
        {
            var rows = await db.StatusChanges.AsNoTracking().Where(c => c.Position > position).OrderBy(c => c.Position).Take(limit)
                .Select(c => c.Change).ToListAsync(cancellationToken);
            return rows.Select(Mv.StatusChange.Parser.ParseFrom).ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the status changes failed; retrying.")]
    private partial void LogReadFailed(Exception exception);
}
