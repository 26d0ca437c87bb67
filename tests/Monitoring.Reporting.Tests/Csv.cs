using System.Text;

namespace Monitoring.Reporting.Tests;

/// <summary>An RFC 4180 reader with ';' as separator, written for the tests so that the CSV is read back independently.</summary>
internal static class Csv
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"Unquoted {(int)c} at {i}.");
                field.Append(c);
            }
        }

        Assert.False(quoted, "A quoted field is not closed.");
        Assert.True(field.Length == 0 && fields.Count == 0, "The last record does not end with CRLF.");
        return records;
    }

    /// <summary>The records as dictionaries by the header's column names.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Table(string text)
    {
        var records = Parse(text);
        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }
}
