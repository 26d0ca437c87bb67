using System.Text;

namespace Monitoring.Reporting;

/// <summary>
/// Writes HTML (and the SVG inside it) that is also well-formed XML: every element closed, void elements as
/// <c>&lt;meta … /&gt;</c>, text and attribute values encoded. The report is made only through it, so no text of an
/// agreement can open a tag.
/// </summary>
internal sealed class MarkupWriter
{
    // A line break after these closing tags keeps the source readable; nowhere else, so that no white space is added to text.
    private static readonly HashSet<string> Blocks =
    [
        "html", "head", "body", "header", "main", "section", "footer", "div", "p", "h1", "h2", "h3", "table", "thead", "tbody", "tr",
        "ul", "ol", "li", "dl", "dd", "figure", "style", "title", "svg", "g", "defs", "desc", "caption",
    ];

    private readonly StringBuilder _text = new();
    private readonly Stack<string> _open = new();

    public MarkupWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _text.Append('>');
        _open.Push(tag);
        return this;
    }

    public MarkupWriter Close()
    {
        var tag = _open.Pop();
        _text.Append("</").Append(tag).Append('>');
        if (Blocks.Contains(tag))
        {
            _text.Append('\n');
        }

        return this;
    }

    /// <summary>An element with text only; null text gives an empty element (still with its closing tag).</summary>
    public MarkupWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close();

    /// <summary>An element without content written as <c>&lt;tag /&gt;</c>: HTML's void elements and SVG shapes only.</summary>
    public MarkupWriter Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _text.Append(" />");
        return this;
    }

    public MarkupWriter Text(string? text)
    {
        _text.Append(Markup.Encode(text ?? ""));
        return this;
    }

    /// <summary>Markup this library made itself (the style sheet, a chart); never text from the report's input.</summary>
    public MarkupWriter Trusted(string markup)
    {
        _text.Append(markup);
        return this;
    }

    public override string ToString() => _open.Count == 0
        ? _text.ToString()
        : throw new InvalidOperationException($"Unclosed elements: {string.Join(", ", _open)}.");

    private void StartTag(string tag, (string Name, string? Value)[] attributes)
    {
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _text.Append(' ').Append(name).Append("=\"").Append(Markup.Encode(value)).Append('"');
            }
        }
    }
}

internal static class Markup
{
    /// <summary>
    /// Encodes the five markup characters, and replaces what XML cannot hold (control characters other than tab and
    /// line breaks, unpaired surrogates, U+FFFE/U+FFFF) by U+FFFD, so the document stays well-formed whatever the input.
    /// </summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': builder.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
