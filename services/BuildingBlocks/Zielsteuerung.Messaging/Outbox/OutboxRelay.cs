using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Zielsteuerung.Persistence;

namespace Zielsteuerung.Messaging.Outbox;

// Publishes committed outbox rows in sequence order and marks them published. Delivery is at least once:
// a crash between the broker's confirmation and our commit publishes the row again after restart.
// Rows are locked FOR UPDATE SKIP LOCKED, so several instances share the work without publishing a row twice
// concurrently (order then holds per instance, not across instances).
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batchWasFull = await RelayBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (batchWasFull)
                {
                    continue;
                }
                await CleanupAsync(stoppingToken);
                if (await signal.WaitAsync(_options.PollingInterval, stoppingToken) && _options.CoalesceDelay > TimeSpan.Zero)
                {
                    // Woken by a commit: let the commits of the next moment join it, so a busy service relays its
                    // events in batches rather than one transaction per commit.
                    await Task.Delay(_options.CoalesceDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero
                    ? _options.MinBackoff
                    : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                logger.LogWarning(ex, "Outbox relay failed; retrying in {Backoff}.", backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Returns whether the batch was full, i.e. more rows are probably waiting.
    internal async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        // Polling every few seconds would fill the traces with SELECTs; the publications are traced instead.
        using var untraced = DatabaseTracing.Suppress();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = await LockPendingAsync(connection, transaction, cancellationToken);
        var published = new List<Guid>(rows.Count);
        Exception? brokerFailure = null;
        foreach (var row in rows)
        {
            if (!TryRead(row, out var message, out var messageType, out var problem))
            {
                logger.LogError("Outbox message {Id} can never be published: {Problem}", row.Id, problem);
                await RecordFailureAsync(connection, transaction, row.Id, problem, permanent: true, cancellationToken);
                MessagingTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("permanent", true));
                continue;
            }
            try
            {
                await PublishAsync(row, message, messageType, cancellationToken);
                published.Add(row.Id);
                MessagingTelemetry.Published.Add(1);
                MessagingTelemetry.Delay.Record((DateTimeOffset.UtcNow - row.OccurredAt).TotalSeconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Stop at the first failure so later events do not overtake this one.
                await RecordFailureAsync(connection, transaction, row.Id, ex.Message, permanent: false, cancellationToken);
                MessagingTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("permanent", false));
                brokerFailure = ex;
                break;
            }
        }
        // What the broker confirmed is recorded even when the host is stopping: fewer duplicates after a restart.
        await MarkPublishedAsync(connection, transaction, published, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (published.Count > 0)
        {
            logger.LogDebug("Published {Count} outbox messages.", published.Count);
        }
        if (brokerFailure is not null)
        {
            throw new InvalidOperationException("Publishing to the broker failed.", brokerFailure);
        }
        return rows.Count == _options.BatchSize;
    }

    private async Task PublishAsync(PendingRow row, object message, Type messageType, CancellationToken cancellationToken)
    {
        // The publication continues the trace of the request that wrote the event; MassTransit's send
        // activity becomes a child of this one and carries the context on to the consumer.
        var previous = Activity.Current;
        Activity.Current = null;
        using var activity = StartActivity(row, messageType);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static Activity? StartActivity(PendingRow row, Type messageType)
    {
        var hasParent = ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        var name = $"outbox publish {messageType.Name}";
        var activity = MessagingTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal, hasParent ? parent : default);
        if (activity is null && hasParent)
        {
            // Nobody records our source, but MassTransit's may be: keep the trace id at least.
            activity = new Activity(name).SetParentId(row.TraceParent!).Start();
            activity.TraceStateString = row.TraceState;
        }
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        return activity;
    }

    private static bool TryRead(PendingRow row, out object message, out Type messageType, out string problem)
    {
        message = null!;
        messageType = Type.GetType(row.MessageType, throwOnError: false)!;
        if (messageType is null)
        {
            problem = $"type '{row.MessageType}' is not known to this service.";
            return false;
        }
        try
        {
            message = JsonSerializer.Deserialize(row.Payload, messageType, OutboxDbContextExtensions.PayloadJson)!;
        }
        catch (JsonException ex)
        {
            problem = $"payload is not a valid {messageType.Name}: {ex.Message}";
            return false;
        }
        problem = message is null ? "payload is null." : "";
        return message is not null;
    }

    private async Task<List<PendingRow>> LockPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT id, message_type, payload::text, trace_parent, trace_state, occurred_at
            FROM outbox_messages
            WHERE published_at IS NULL AND failed_at IS NULL
            ORDER BY sequence
            LIMIT $1
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _options.BatchSize });
        var rows = new List<PendingRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PendingRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return rows;
    }

    private static async Task MarkPublishedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand(
            "UPDATE outbox_messages SET published_at = clock_timestamp() WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RecordFailureAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string error, bool permanent,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE outbox_messages
            SET attempts = attempts + 1, last_error = $2, failed_at = CASE WHEN $3 THEN now() END
            WHERE id = $1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        command.Parameters.Add(new NpgsqlParameter { Value = permanent });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
        {
            return;
        }
        _nextCleanup = DateTimeOffset.UtcNow.AddMinutes(10);
        using var untraced = DatabaseTracing.Suppress();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var deleted = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM outbox_messages WHERE published_at < now() - {_options.Retention}", cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} published outbox messages older than {Retention}.", deleted, _options.Retention);
        }
    }

    private sealed record PendingRow(
        Guid Id, string MessageType, string Payload, string? TraceParent, string? TraceState, DateTimeOffset OccurredAt);
}
