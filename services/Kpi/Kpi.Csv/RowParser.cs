using Zielsteuerung.Kpi.V1;

namespace Kpi.Csv;

/// <summary>One data line to a <see cref="DeliveryRow"/>: a line that cannot be read structurally becomes a row with
/// <see cref="DeliveryRow.Malformed"/> set, for the server to report, never an exception.</summary>
internal static class RowParser
{
    public static DeliveryRow Parse(ReadOnlySpan<char> line, long lineNumber)
    {
        Span<Range> ranges = stackalloc Range[LineFields.Expected];
        var fields = new LineFields(line, ranges);
        var row = new DeliveryRow { RowNumber = lineNumber };
        if (fields.Problem is { } quoteProblem)
            return Malformed(row, lineNumber, quoteProblem);
        if (fields.Count != LineFields.Expected)
            return Malformed(row, lineNumber, $"{fields.Count} fields, expected {LineFields.Expected}");

        row.Jobcenter = fields[0].ToString();
        row.Month = fields[1].ToString();
        row.Code = fields[2].ToString();

        var sexWord = fields[3];
        if (!KpiCsvFormat.TryParseSex(sexWord, out var sex))
            return Malformed(row, lineNumber, $"sex '{sexWord}' is not insgesamt, frauen or männer");
        row.Sex = sex;

        var basisWord = fields[4];
        if (!KpiCsvFormat.TryParseBasis(basisWord, out var basis))
            return Malformed(row, lineNumber, $"basis '{basisWord}' is not t-0 or final");
        row.Basis = basis;

        var value = fields[5];
        if (DecimalText.Problem(value) is { } valueProblem)
            return Malformed(row, lineNumber, $"value '{value}' {valueProblem}");
        row.Value = DecimalText.ToPoint(value);

        if (!TryOptionalNumber(fields[6], "numerator", lineNumber, row, out var numerator)) return row;
        row.Numerator = numerator;
        if (!TryOptionalNumber(fields[7], "denominator", lineNumber, row, out var denominator)) return row;
        row.Denominator = denominator;
        return row;
    }

    private static bool TryOptionalNumber(ReadOnlySpan<char> text, string field, long lineNumber, DeliveryRow row, out string number)
    {
        number = "";
        if (text.IsEmpty) return true;
        if (DecimalText.Problem(text) is { } problem)
        {
            Malformed(row, lineNumber, $"{field} '{text}' {problem}");
            return false;
        }
        number = DecimalText.ToPoint(text);
        return true;
    }

    private static DeliveryRow Malformed(DeliveryRow row, long lineNumber, string problem)
    {
        row.Malformed = $"line {lineNumber}: {problem}";
        return row;
    }
}
