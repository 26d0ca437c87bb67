using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>What a delivery brought while it streams in: counts, the row problems (the first ones kept), and which
/// jobcenters, months, codes and bases its stored rows touch.</summary>
internal sealed class DeliveryTally(int keepErrors)
{
    private readonly Dictionary<int, string> _jobcenters = [];
    private readonly HashSet<int> _months = [];
    private readonly HashSet<short> _codes = [];
    private readonly HashSet<short> _bases = [];

    public long Received { get; set; }

    public long Stored { get; private set; }

    public long Rejected { get; private set; }

    public List<RowProblem> Problems { get; } = [];

    public void Reject(RowProblem problem)
    {
        Rejected++;
        if (Problems.Count < keepErrors)
        {
            Problems.Add(problem);
        }
    }

    public void Store(ValidRow row, Func<int, int, string> jobcenterId)
    {
        Stored++;
        if (!_jobcenters.ContainsKey(row.Jobcenter))
        {
            _jobcenters[row.Jobcenter] = jobcenterId(row.Month, row.Jobcenter);
        }

        _months.Add(row.Month);
        _codes.Add(row.Code);
        _bases.Add(row.Basis);
    }

    /// <summary>Forgets what was stored (an all-or-nothing delivery that turned out to have errors).</summary>
    public void DiscardStored()
    {
        Stored = 0;
        _jobcenters.Clear();
        _months.Clear();
        _codes.Clear();
        _bases.Clear();
    }

    public string[] JobcenterKeys => _jobcenters.Keys.Order().Select(Jobcenter.FormatKey).ToArray();

    public string[] JobcenterIds => _jobcenters.OrderBy(j => j.Key).Select(j => j.Value).ToArray();

    public string[] Months => _months.Order().Select(m => Model.Months.FromIndex(m).ToString()).ToArray();

    public string[] Codes(CodeBook codes) => _codes.Order().Select(c => codes.ById(c)?.Code ?? c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public string[] Bases => _bases.Order().Select(b => (DataBasis)b == DataBasis.T0 ? "t-0" : "final").ToArray();

    public DeliveryEntity Entity(long sequence, DeliveryHeader header, DeliveryMode mode, DeliveryState state, string contentHash,
        DateTimeOffset deliveredAt, string deliveredBy, CodeBook codes) => new()
    {
        Sequence = sequence,
        IdempotencyKey = header.IdempotencyKey.Length > 0 ? header.IdempotencyKey : null,
        ContentHash = contentHash,
        State = state.ToString(),
        Mode = mode.ToString(),
        Description = header.Description,
        SourceName = header.SourceName,
        DeliveredAt = deliveredAt,
        DeliveredBy = deliveredBy,
        RowsReceived = Received,
        RowsStored = Stored,
        RowsRejected = Rejected,
        ErrorsKept = Problems.Count,
        Jobcenters = JobcenterKeys,
        Months = Months,
        Codes = Codes(codes),
        Bases = Bases,
    };
}
