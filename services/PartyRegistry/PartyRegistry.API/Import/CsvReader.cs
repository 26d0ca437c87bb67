using System.Text;

namespace PartyRegistry.API.Import;

/// <summary>One line of a CSV file with its 1-based line number.</summary>
internal sealed record CsvLine(int Number, IReadOnlyList<string> Fields);

internal sealed class CsvFormatException(int line, string message) : FormatException(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// A small RFC 4180 reader: comma separated, fields optionally in double quotes ("" escapes a quote). Quoted line
/// breaks are not supported, so a record is a line and errors can name it.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<CsvLine> Read(string content)
    {
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            yield return new CsvLine(number, Split(line, number));
        }
    }

    private static List<string> Split(string line, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new CsvFormatException(number, "a quoted field is not closed.");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new CsvFormatException(number, "text after a closing quote.");
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                field.Append(end < 0 ? line.AsSpan(i) : line.AsSpan(i, end - i));
                i = end < 0 ? line.Length : end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
