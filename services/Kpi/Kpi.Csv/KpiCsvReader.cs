using System.Runtime.CompilerServices;
using System.Text;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Csv;

/// <summary>Reads a KPI delivery CSV file line by line (constant memory): the header, then one
/// <see cref="DeliveryRow"/> per data line with <see cref="DeliveryRow.RowNumber"/> = the line's number.
/// A wrong or missing header throws <see cref="KpiCsvFormatException"/>; a broken data line becomes a malformed row.</summary>
public sealed class KpiCsvReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly bool _leaveOpen;
    private bool _headerRead;

    public KpiCsvReader(TextReader reader, bool leaveOpen = false)
    {
        _reader = reader;
        _leaveOpen = leaveOpen;
    }

    public KpiCsvReader(Stream stream, bool leaveOpen = false)
        : this(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen), leaveOpen: false)
    {
    }

    /// <summary>The number of the last line read (1-based).</summary>
    public long LineNumber { get; private set; }

    public static IEnumerable<DeliveryRow> ReadFile(string path)
    {
        using var reader = new KpiCsvReader(File.OpenRead(path));
        foreach (var row in reader.ReadRows())
            yield return row;
    }

    /// <summary>Reads up to and including the header line and checks it. Reading rows does it when not done yet.</summary>
    public void ReadHeader()
    {
        if (_headerRead) return;
        string? line;
        while ((line = _reader.ReadLine()) is not null)
        {
            LineNumber++;
            if (!IsSkipped(line)) break;
        }
        CheckHeader(line);
    }

    public async ValueTask ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_headerRead) return;
        string? line;
        while ((line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            LineNumber++;
            if (!IsSkipped(line)) break;
        }
        CheckHeader(line);
    }

    public IEnumerable<DeliveryRow> ReadRows()
    {
        ReadHeader();
        string? line;
        while ((line = _reader.ReadLine()) is not null)
        {
            LineNumber++;
            if (!IsSkipped(line))
                yield return RowParser.Parse(line, LineNumber);
        }
    }

    public async IAsyncEnumerable<DeliveryRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        string? line;
        while ((line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            LineNumber++;
            if (!IsSkipped(line))
                yield return RowParser.Parse(line, LineNumber);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _reader.Dispose();
    }

    private static bool IsSkipped(string line)
    {
        var trimmed = line.AsSpan().TrimStart('\uFEFF').Trim();
        return trimmed.IsEmpty || trimmed[0] == KpiCsvFormat.CommentMark;
    }

    private void CheckHeader(string? line)
    {
        if (line is null)
            throw new KpiCsvFormatException(0, $"the file has no header line: expected '{KpiCsvFormat.HeaderLine}'");
        if (!IsHeader(line))
        {
            var hint = !line.Contains(KpiCsvFormat.Separator) && line.Contains(',') ? " (the separator is ';')" : "";
            throw new KpiCsvFormatException(LineNumber,
                $"line {LineNumber}: expected the header '{KpiCsvFormat.HeaderLine}', found '{Shorten(line)}'{hint}");
        }
        _headerRead = true;
    }

    private static bool IsHeader(string line)
    {
        Span<Range> ranges = stackalloc Range[LineFields.Expected];
        var fields = new LineFields(line.AsSpan().TrimStart('\uFEFF'), ranges);
        if (fields.Problem is not null || fields.Count != LineFields.Expected) return false;
        for (var i = 0; i < LineFields.Expected; i++)
            if (!fields[i].Equals(KpiCsvFormat.Columns[i], StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..120] + "…";
}
