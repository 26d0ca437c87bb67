namespace Kpi.Csv;

/// <summary>Splits one line into its fields. The format needs no quoting, so the usual line is split in place; a line
/// with a quote takes the RFC 4180 path (quoted fields, "" inside) into a buffer of its own.</summary>
internal ref struct LineFields
{
    public const int Expected = 8;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<Range> _ranges;

    public int Count { get; }

    /// <summary>Why the line could not be split (a quote problem); null when it could.</summary>
    public string? Problem { get; }

    public LineFields(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        _ranges = ranges;
        if (line.Contains('"'))
        {
            var buffer = new char[line.Length];
            (Count, Problem) = SplitQuoted(line, buffer, ranges);
            _text = buffer;
        }
        else
        {
            _text = line;
            Count = SplitPlain(line, ranges);
        }
    }

    public readonly ReadOnlySpan<char> this[int index] => _text[_ranges[index]].Trim();

    private static int SplitPlain(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var next = line[start..].IndexOf(KpiCsvFormat.Separator);
            var end = next < 0 ? line.Length : start + next;
            if (count < ranges.Length) ranges[count] = new Range(start, end);
            count++;
            if (next < 0) return count;
            start = end + 1;
        }
    }

    private static (int Count, string? Problem) SplitQuoted(ReadOnlySpan<char> line, Span<char> buffer, Span<Range> ranges)
    {
        var count = 0;
        var written = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ') i++;
            var fieldStart = written;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] != '"') { buffer[written++] = line[i++]; continue; }
                    if (i + 1 < line.Length && line[i + 1] == '"') { buffer[written++] = '"'; i += 2; continue; }
                    i++;
                    closed = true;
                    break;
                }
                if (!closed) return (count + 1, $"field {count + 1} has an opening quote without a closing one");
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != KpiCsvFormat.Separator)
                    return (count + 1, $"field {count + 1} has text after its closing quote");
            }
            else
            {
                while (i < line.Length && line[i] != KpiCsvFormat.Separator)
                {
                    if (line[i] == '"') return (count + 1, $"field {count + 1} has a quote inside an unquoted value");
                    buffer[written++] = line[i++];
                }
            }
            if (count < ranges.Length) ranges[count] = new Range(fieldStart, written);
            count++;
            if (i >= line.Length) return (count, null);
            i++; // the separator
        }
    }
}
