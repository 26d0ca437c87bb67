using System.Globalization;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>Delivery reports as the contract shows them, read from the deliveries and their row errors.</summary>
internal sealed class DeliveryReports(KpiDbContext db, [FromKeyedServices(KpiDbContext.ConnectionName)] NpgsqlDataSource dataSource)
{
    public const int DefaultErrorsPage = 100;
    public const int MaxErrorsPage = 1000;

    public Task<DeliveryEntity?> FindAsync(long sequence, CancellationToken cancellationToken) =>
        db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Sequence == sequence, cancellationToken);

    public Task<DeliveryEntity?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.IdempotencyKey == idempotencyKey, cancellationToken);

    public Task<DeliveryEntity?> FindStoredByContentAsync(string contentHash, CancellationToken cancellationToken) =>
        db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.ContentHash == contentHash && d.State != nameof(DeliveryState.Rejected), cancellationToken);

    /// <summary>The report of <paramref name="delivery"/> with one page of its row errors (from <paramref name="fromOrdinal"/>).</summary>
    public async Task<DeliveryReport> ReportAsync(DeliveryEntity delivery, int pageSize, int fromOrdinal, CancellationToken cancellationToken)
    {
        var report = Summary(delivery);
        if (pageSize > 0 && fromOrdinal < delivery.ErrorsKept)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT row_number, reason, field, message FROM delivery_errors WHERE delivery = $1 AND ordinal >= $2 ORDER BY ordinal LIMIT $3");
            command.Parameters.Add(new NpgsqlParameter { Value = delivery.Sequence });
            command.Parameters.Add(new NpgsqlParameter { Value = fromOrdinal });
            command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                report.Errors.Add(new RowError
                {
                    RowNumber = reader.GetInt64(0), Reason = reader.GetString(1), Field = reader.GetString(2), Message = reader.GetString(3),
                });
            }

            var next = fromOrdinal + report.Errors.Count;
            if (next < delivery.ErrorsKept)
            {
                report.NextErrorsPageToken = next.ToString(CultureInfo.InvariantCulture);
            }
        }

        return report;
    }

    public async Task<(List<DeliveryEntity> Deliveries, long? Next)> ListAsync(long? before, int size, CancellationToken cancellationToken)
    {
        var query = db.Deliveries.AsNoTracking();
        if (before is { } last)
        {
            query = query.Where(d => d.Sequence < last);
        }

        var page = await query.OrderByDescending(d => d.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        return page.Count > size ? (page[..size], page[size - 1].Sequence) : (page, null);
    }

    /// <summary>The ids of the deliveries with these sequences (the "deliveries used" of a read).</summary>
    public static IEnumerable<string> Ids(IEnumerable<long> sequences) => sequences.Order().Select(DeliveryIds.Format);

    public static DeliveryReport Summary(DeliveryEntity delivery)
    {
        var report = new DeliveryReport
        {
            DeliveryId = delivery.Id,
            Sequence = delivery.Sequence,
            State = Enum.Parse<DeliveryState>(delivery.State),
            Mode = Enum.Parse<DeliveryMode>(delivery.Mode),
            IdempotencyKey = delivery.IdempotencyKey ?? "",
            Description = delivery.Description,
            SourceName = delivery.SourceName,
            ContentHash = delivery.ContentHash,
            DeliveredAt = delivery.DeliveredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            DeliveredBy = delivery.DeliveredBy,
            RowsReceived = delivery.RowsReceived,
            RowsStored = delivery.RowsStored,
            RowsRejected = delivery.RowsRejected,
            FirstMonth = delivery.Months.FirstOrDefault() ?? "",
            LastMonth = delivery.Months.LastOrDefault() ?? "",
        };
        report.Jobcenters.AddRange(delivery.Jobcenters);
        report.Codes.AddRange(delivery.Codes);
        return report;
    }
}
