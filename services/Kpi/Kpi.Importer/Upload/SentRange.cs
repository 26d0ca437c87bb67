using Zielsteuerung.Kpi.V1;

namespace Kpi.Importer.Upload;

/// <summary>What the rows sent span: jobcenters, months, codes, and how many were malformed. Bounded: the sets hold
/// distinct keys and codes, not rows.</summary>
public sealed class SentRange
{
    private const int MostKept = 10_000;

    private readonly SortedSet<string> _jobcenters = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _codes = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Jobcenters => _jobcenters;
    public IReadOnlyCollection<string> Codes => _codes;
    public string? FirstMonth { get; private set; }
    public string? LastMonth { get; private set; }
    public long Malformed { get; private set; }

    internal void Add(DeliveryRow row)
    {
        if (row.Malformed.Length > 0)
        {
            Malformed++;
            return;
        }
        if (_jobcenters.Count < MostKept) _jobcenters.Add(row.Jobcenter);
        if (_codes.Count < MostKept) _codes.Add(row.Code);
        if (FirstMonth is null || string.CompareOrdinal(row.Month, FirstMonth) < 0) FirstMonth = row.Month;
        if (LastMonth is null || string.CompareOrdinal(row.Month, LastMonth) > 0) LastMonth = row.Month;
    }
}
