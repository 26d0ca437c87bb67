using Grpc.Core;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Importer;

/// <summary>A stand-in for the KPI service's Deliver: records what arrives, reports malformed rows (and rows whose
/// value is negative) as errors, and answers by the delivery mode as the real one does.</summary>
internal sealed class FakeKpiService : Zielsteuerung.Kpi.V1.Kpi.KpiBase
{
    private readonly object _gate = new();

    /// <summary>Keep every row (for small files); otherwise only count them.</summary>
    public bool KeepRows { get; init; } = true;

    public bool RequireToken { get; init; } = true;

    public string? DuplicateOf { get; init; }

    public DeliveryHeader? Header { get; private set; }
    public List<int> ChunkSizes { get; } = [];
    public List<DeliveryRow> Rows { get; } = [];
    public long RowCount { get; private set; }
    public string? Authorization { get; private set; }

    public override async Task<DeliveryReport> Deliver(IAsyncStreamReader<DeliverRequest> requestStream, ServerCallContext context)
    {
        Authorization = context.RequestHeaders.GetValue("authorization");
        if (RequireToken && Authorization is null)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "a bearer token is needed"));
        if (RequireToken && Authorization == "Bearer read-only")
            throw new RpcException(new Status(StatusCode.PermissionDenied, "needs kpi.deliver"));

        var report = new DeliveryReport { DeliveryId = "d-0001", Sequence = 1 };
        long rejected = 0;
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (message.PartCase == DeliverRequest.PartOneofCase.Header)
            {
                lock (_gate) Header = message.Header;
                continue;
            }
            lock (_gate)
            {
                ChunkSizes.Add(message.Chunk.Rows.Count);
                RowCount += message.Chunk.Rows.Count;
                if (KeepRows) Rows.AddRange(message.Chunk.Rows);
            }
            foreach (var row in message.Chunk.Rows)
            {
                var error = row.Malformed.Length > 0
                    ? new RowError { RowNumber = row.RowNumber, Reason = "MALFORMED", Message = row.Malformed }
                    : row.Value.StartsWith('-') ? new RowError { RowNumber = row.RowNumber, Reason = "NEGATIVE_VALUE", Field = "value", Message = $"value {row.Value} is negative" }
                    : null;
                if (error is null) continue;
                rejected++;
                if (report.Errors.Count < 100) report.Errors.Add(error);
            }
        }
        var mode = Header?.Mode ?? DeliveryMode.Unspecified;
        report.Mode = mode;
        report.Description = Header?.Description ?? "";
        report.IdempotencyKey = Header?.IdempotencyKey ?? "";
        report.RowsReceived = RowCount;
        report.RowsRejected = rejected;
        report.State = rejected == 0 ? DeliveryState.Stored
            : mode == DeliveryMode.AllOrNothing || rejected == RowCount ? DeliveryState.Rejected
            : DeliveryState.PartiallyStored;
        report.RowsStored = report.State == DeliveryState.Rejected ? 0 : RowCount - rejected;
        if (report.State != DeliveryState.Rejected)
        {
            report.Jobcenters.Add("05554");
            report.FirstMonth = "2015-01";
            report.LastMonth = "2015-12";
            report.Codes.Add("elb_stock");
        }
        if (DuplicateOf is not null) report.DuplicateOf = DuplicateOf;
        return report;
    }
}
