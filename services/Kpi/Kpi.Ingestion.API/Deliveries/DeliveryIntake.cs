using System.Buffers.Binary;
using Grpc.Core;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Zielsteuerung.Authorization;
using Zielsteuerung.Caching;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Messaging;
using Zielsteuerung.ServiceDefaults;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>
/// Takes one streamed delivery in. The rows are checked as they arrive and the valid ones written with binary COPY in
/// the delivery's transaction, so memory stays flat whatever the size; at the end the delivery's record, its row
/// errors and the <see cref="KpiDataIngested"/> event (outbox) join the same transaction. An all-or-nothing delivery
/// with an error, or one without a valid row, rolls back and is recorded as rejected with its errors. A delivery seen
/// before (same idempotency key, or the same content) stores nothing: Redis answers first, the database's unique
/// indexes are the truth.
/// </summary>
internal sealed partial class DeliveryIntake(
    KpiDbContext db,
    DeliveryReports reports,
    CodeBook codes,
    LocalIndicators locals,
    JobcenterDirectory directory,
    ICache cache,
    GermanClock clock,
    KpiTelemetry telemetry,
    IOptions<KpiOptions> options,
    ILogger<DeliveryIntake> logger)
{
    private static readonly TimeSpan RememberDeliveries = TimeSpan.FromDays(1);

    public async Task<DeliveryReport> TakeAsync(IAsyncStreamReader<DeliverRequest> stream, Caller caller, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartDelivery();
        var report = await ReceiveAsync(stream, caller, cancellationToken);
        telemetry.Delivered(activity, report);
        return report;
    }

    private async Task<DeliveryReport> ReceiveAsync(IAsyncStreamReader<DeliverRequest> stream, Caller caller, CancellationToken cancellationToken)
    {
        if (!await stream.MoveNext(cancellationToken) || stream.Current.PartCase != DeliverRequest.PartOneofCase.Header)
        {
            throw new InvalidRequestException("header", "the first message of a delivery must be its header (DeliveryHeader), the rows follow in chunks.");
        }

        var header = stream.Current.Header;
        CheckHeader(header);
        var mode = header.Mode == DeliveryMode.Unspecified ? DeliveryMode.Partial : header.Mode;
        if (header.IdempotencyKey.Length > 0 && (await RememberedAsync(KeyEntry(header.IdempotencyKey), cancellationToken) ?? await reports.FindByKeyAsync(header.IdempotencyKey, cancellationToken)) is { } earlier)
        {
            while (await stream.MoveNext(cancellationToken))
            {
                // The rows of a delivery taken in before are read and dropped.
            }

            return await DuplicateAsync(earlier, cancellationToken);
        }

        await locals.RefreshAsync(cancellationToken);
        var attempts = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            // A stream is read once: a transient database failure midway cannot be retried here, only by the sender.
            if (++attempts > 1)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "the database connection failed during the delivery; nothing of it was stored: send it again."));
            }

            return await StoreAsync(stream, header, mode, caller, ct);
        }, cancellationToken);
    }

    private async Task<DeliveryReport> StoreAsync(IAsyncStreamReader<DeliverRequest> stream, DeliveryHeader header, DeliveryMode mode, Caller caller, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var allOrNothing = mode == DeliveryMode.AllOrNothing;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sequence = await NextSequenceAsync(connection, cancellationToken);
        var validator = new RowValidator(codes, directory, Months.LastEnded(clock.Today()));
        var tally = new DeliveryTally(settings.MaxKeptRowErrors);
        using var hash = new ContentHash(mode);

        var values = await ValueCopy.StartAsync(connection, sequence, cancellationToken);
        var copying = true;
        Func<int, int, string> jobcenterId = validator.JobcenterId;
        try
        {
            while (await stream.MoveNext(cancellationToken))
            {
                if (stream.Current.PartCase != DeliverRequest.PartOneofCase.Chunk)
                {
                    throw new InvalidRequestException("header", "a delivery has one header, its first message; every further message is a chunk of rows.");
                }

                foreach (var row in stream.Current.Chunk.Rows)
                {
                    if (++tally.Received > settings.MaxRowsPerDelivery)
                    {
                        throw new TooLargeException("rows", $"a delivery may carry at most {settings.MaxRowsPerDelivery:N0} rows; split it (e.g. by year) and send the parts as deliveries of their own.");
                    }

                    hash.Add(row);
                    var (valid, problem) = await validator.CheckAsync(row, row.RowNumber > 0 ? row.RowNumber : tally.Received, cancellationToken);
                    if (problem is not null)
                    {
                        tally.Reject(problem);
                        if (allOrNothing && copying)
                        {
                            copying = false;
                            tally.DiscardStored();
                            await values.DisposeAsync();   // abandons the COPY; the transaction is rolled back below
                        }
                    }
                    else if (copying)
                    {
                        await values.AddAsync(valid, cancellationToken);
                        tally.Store(valid, jobcenterId);
                    }
                }
            }

            var contentHash = hash.Finish();
            if ((tally.Rejected > 0 && allOrNothing) || tally.Stored == 0)
            {
                await values.DisposeAsync();
                await transaction.RollbackAsync(cancellationToken);
                return await RecordRejectedAsync(sequence, header, mode, contentHash, tally, caller, cancellationToken);
            }

            await values.CompleteAsync(cancellationToken);
            await values.DisposeAsync();
            if (await RememberedAsync(ContentEntry(contentHash), cancellationToken) is { } known)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await DuplicateAsync(known, cancellationToken);
            }

            var state = tally.Rejected > 0 ? DeliveryState.PartiallyStored : DeliveryState.Stored;
            var delivery = tally.Entity(sequence, header, mode, state, contentHash, Now(), caller.RecordedBy, codes);
            db.Deliveries.Add(delivery);
            db.AddOutboxMessage(new KpiDataIngested
            {
                DeliveryId = delivery.Id, Sequence = sequence, JobcenterIds = tally.JobcenterIds, Months = delivery.Months, Codes = delivery.Codes,
                Bases = delivery.Bases, RowsStored = tally.Stored, DeliveredBy = caller.RecordedBy, OccurredAt = delivery.DeliveredAt,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return await DuplicateOfStoredAsync(header, contentHash, cancellationToken);
            }

            await ValueStore.WriteErrorsAsync(connection, sequence, tally.Problems, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogStored(delivery.Id, tally.Stored, tally.Rejected, caller.RecordedBy);
            await RememberAsync(delivery, cancellationToken);
            return Report(delivery, tally.Problems);
        }
        finally
        {
            await values.DisposeAsync();
        }
    }

    private async Task<DeliveryReport> RecordRejectedAsync(long sequence, DeliveryHeader header, DeliveryMode mode, string contentHash,
        DeliveryTally tally, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = tally.Entity(sequence, header, mode, DeliveryState.Rejected, contentHash, Now(), caller.RecordedBy, codes);
        db.Deliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await ValueStore.WriteErrorsAsync((NpgsqlConnection)db.Database.GetDbConnection(), sequence, tally.Problems, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return await DuplicateOfStoredAsync(header, contentHash, cancellationToken);
        }

        LogRejected(delivery.Id, tally.Rejected, mode, caller.RecordedBy);
        return Report(delivery, tally.Problems);
    }

    // A concurrent twin committed first: the unique index said so; its report is the answer.
    private async Task<DeliveryReport> DuplicateOfStoredAsync(DeliveryHeader header, string contentHash, CancellationToken cancellationToken)
    {
        var earlier = (header.IdempotencyKey.Length > 0 ? await reports.FindByKeyAsync(header.IdempotencyKey, cancellationToken) : null)
            ?? await reports.FindStoredByContentAsync(contentHash, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Aborted, "a concurrent delivery with the same key or content was being stored: send it again."));
        return await DuplicateAsync(earlier, cancellationToken);
    }

    private async Task<DeliveryReport> DuplicateAsync(DeliveryEntity earlier, CancellationToken cancellationToken)
    {
        var report = await reports.ReportAsync(earlier, DeliveryReports.DefaultErrorsPage, 0, cancellationToken);
        report.DuplicateOf = earlier.Id;
        return report;
    }

    private static DeliveryReport Report(DeliveryEntity delivery, List<RowProblem> problems)
    {
        var report = DeliveryReports.Summary(delivery);
        foreach (var problem in problems.Take(DeliveryReports.DefaultErrorsPage))
        {
            report.Errors.Add(new RowError { RowNumber = problem.RowNumber, Reason = problem.Reason, Field = problem.Field, Message = problem.Message });
        }

        if (problems.Count > DeliveryReports.DefaultErrorsPage)
        {
            report.NextErrorsPageToken = DeliveryReports.DefaultErrorsPage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return report;
    }

    // The fast path: the delivery Redis remembers under a key or content hash (null on a miss or with Redis down).
    private async Task<DeliveryEntity?> RememberedAsync(string entry, CancellationToken cancellationToken) =>
        await cache.GetAsync(entry, cancellationToken) is { Length: 8 } bytes
            ? await reports.FindAsync(BinaryPrimitives.ReadInt64BigEndian(bytes), cancellationToken)
            : null;

    private async Task RememberAsync(DeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var sequence = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(sequence, delivery.Sequence);
        if (delivery.IdempotencyKey is { } key)
        {
            await cache.SetAsync(KeyEntry(key), sequence, RememberDeliveries, cancellationToken);
        }

        await cache.SetAsync(ContentEntry(delivery.ContentHash), sequence, RememberDeliveries, cancellationToken);
    }

    // Milliseconds, as reports write it: "as of a delivery's delivered_at" then includes that delivery.
    private DateTimeOffset Now()
    {
        var now = clock.Time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string KeyEntry(string idempotencyKey) => "delivery-key:" + idempotencyKey;

    private static string ContentEntry(string contentHash) => "delivery-content:" + contentHash;

    private static async Task<long> NextSequenceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nextval('delivery_sequence')", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void CheckHeader(DeliveryHeader header)
    {
        if (header.IdempotencyKey.Length > 200)
        {
            throw new InvalidRequestException("header.idempotency_key", "at most 200 characters.");
        }

        if (header.Description.Length > 2000 || header.SourceName.Length > 500)
        {
            throw new InvalidRequestException(header.Description.Length > 2000 ? "header.description" : "header.source_name", "too long (description ≤ 2000, source_name ≤ 500 characters).");
        }

        if (header.Mode is not (DeliveryMode.Unspecified or DeliveryMode.Partial or DeliveryMode.AllOrNothing))
        {
            throw new InvalidRequestException("header.mode", "PARTIAL or ALL_OR_NOTHING.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} stored: {Stored} rows, {Rejected} rejected, by {DeliveredBy}")]
    private partial void LogStored(string deliveryId, long stored, long rejected, string deliveredBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} rejected ({Mode}): {Rejected} invalid rows, by {DeliveredBy}")]
    private partial void LogRejected(string deliveryId, long rejected, DeliveryMode mode, string deliveredBy);
}
