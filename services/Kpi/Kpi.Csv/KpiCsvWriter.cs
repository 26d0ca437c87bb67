using Zielsteuerung.Kpi.V1;

namespace Kpi.Csv;

/// <summary>Writes a KPI delivery CSV file row by row: numbers come in the contract's form (decimal point) and are
/// written with the decimal comma of the BA's tables; lines end with "\n".</summary>
public sealed class KpiCsvWriter(TextWriter writer)
{
    private bool _headerWritten;

    /// <summary>A "# …" line, e.g. the title and source line the BA's tables carry.</summary>
    public void WriteComment(string text)
    {
        if (text.AsSpan().ContainsAny('\r', '\n')) throw new ArgumentException("a comment is one line", nameof(text));
        writer.Write(KpiCsvFormat.CommentMark);
        writer.Write(' ');
        writer.Write(text);
        writer.Write('\n');
    }

    public void WriteHeader()
    {
        writer.Write(KpiCsvFormat.HeaderLine);
        writer.Write('\n');
        _headerWritten = true;
    }

    public void Write(DeliveryRow row) =>
        Write(row.Jobcenter, row.Month, row.Code, row.Sex, row.Basis, row.Value, row.Numerator, row.Denominator);

    public void Write(in KpiCsvRecord record) =>
        Write(record.Jobcenter, record.Month, record.Code, record.Sex, record.Basis, record.Value, record.Numerator, record.Denominator);

    public void Write(string jobcenter, string month, string code, Sex sex, DataBasis basis, string value,
        string? numerator = null, string? denominator = null)
    {
        if (!_headerWritten) WriteHeader();
        WriteText(jobcenter, nameof(jobcenter));
        writer.Write(KpiCsvFormat.Separator);
        WriteText(month, nameof(month));
        writer.Write(KpiCsvFormat.Separator);
        WriteText(code, nameof(code));
        writer.Write(KpiCsvFormat.Separator);
        writer.Write(KpiCsvFormat.SexWord(sex));
        writer.Write(KpiCsvFormat.Separator);
        writer.Write(KpiCsvFormat.BasisWord(basis));
        writer.Write(KpiCsvFormat.Separator);
        WriteNumber(value);
        writer.Write(KpiCsvFormat.Separator);
        WriteNumber(numerator);
        writer.Write(KpiCsvFormat.Separator);
        WriteNumber(denominator);
        writer.Write('\n');
    }

    private static readonly System.Buffers.SearchValues<char> Unquotable = System.Buffers.SearchValues.Create(";\"\r\n");

    private void WriteText(string text, string field)
    {
        if (text.AsSpan().ContainsAny(Unquotable))
            throw new ArgumentException($"{field} '{text}' holds a character the format does not quote (; \" or a line break)", field);
        writer.Write(text);
    }

    private void WriteNumber(string? number)
    {
        if (string.IsNullOrEmpty(number)) return;
        var point = number.IndexOf('.');
        if (point < 0)
        {
            writer.Write(number);
            return;
        }
        writer.Write(number.AsSpan(0, point));
        writer.Write(',');
        writer.Write(number.AsSpan(point + 1));
    }
}
