using System.Text;

namespace Monitoring.Reporting;

/// <summary>RFC 4180 fields and records with ';' as the separator (what spreadsheets set to German expect).</summary>
internal static class CsvFields
{
    public const char Separator = ';';
    public const string LineEnd = "\r\n";

    /// <summary>Quoted when it holds the separator, a quote or a line break; quotes inside are doubled.</summary>
    public static string Field(string? value)
    {
        value ??= "";
        return value.AsSpan().IndexOfAny(";\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Text from the report's input: one that starts with '=', '+', '-', '@', a tab or a carriage return gets a leading
    /// apostrophe, so that a spreadsheet shows it as text instead of running it as a formula (CSV injection).
    /// </summary>
    public static string Text(string? value) =>
        Field(value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value);

    public static void Record(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(Separator, fields)).Append(LineEnd);
}
