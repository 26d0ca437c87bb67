using System.Text;
using System.Text.RegularExpressions;

namespace Agreements.API.Rendering;

/// <summary>
/// Markdown built from trusted structure and untrusted text. Every text that comes from an agreement goes through
/// <see cref="Escape"/> or <see cref="Prose"/>, so it reads as the characters it holds: no emphasis, link, image,
/// autolink, raw HTML, heading, list or code block can be smuggled in by an agreement's wording.
/// </summary>
internal sealed partial class MarkdownText
{
    private readonly StringBuilder _text = new();

    /// <summary>Characters with an inline meaning in CommonMark (or Markdig's HTML handling), escaped wherever they occur.</summary>
    private const string InlineSpecials = "\\`*_[]<>|~&#!";

    public override string ToString() => _text.ToString().TrimEnd() + "\n";

    /// <summary>A block of trusted Markdown (already escaped where it holds text), followed by a blank line.</summary>
    public MarkdownText Block(string markdown)
    {
        _text.Append(markdown.TrimEnd()).Append("\n\n");
        return this;
    }

    public MarkdownText Heading(int level, string text) => Block(new string('#', level) + " " + Escape(text, lineStart: false));

    public MarkdownText Paragraph(string text) => text.Length == 0 ? this : Block(Escape(text));

    public MarkdownText Bold(string text) => text.Length == 0 ? this : Block("**" + Escape(text, lineStart: false) + "**");

    public MarkdownText Italic(string text) => text.Length == 0 ? this : Block("*" + Escape(text, lineStart: false) + "*");

    /// <summary>A bullet list of trusted Markdown items.</summary>
    public MarkdownText List(IEnumerable<string> markdownItems)
    {
        var items = markdownItems.ToList();
        return items.Count == 0 ? this : Block(string.Join("\n", items.Select(i => "- " + i)));
    }

    /// <summary>
    /// An agreement's prose as the contract defines it: paragraphs separated by blank lines, "- " starting a list item.
    /// </summary>
    public MarkdownText Prose(string text)
    {
        foreach (var block in BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var lines = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            // A change between list items and plain lines starts a new block: a plain line right after an item would
            // otherwise continue the item (a "lazy continuation line").
            var run = new List<string>();
            bool? inList = null;
            foreach (var line in lines)
            {
                var item = line.StartsWith("- ", StringComparison.Ordinal);
                if (inList is { } previous && previous != item)
                {
                    Block(string.Join("\n", run));
                    run.Clear();
                }

                run.Add(item ? "- " + Escape(line[2..].TrimStart()) : Escape(line));
                inList = item;
            }

            Block(string.Join("\n", run));
        }

        return this;
    }

    /// <summary>
    /// One line of text as literal characters in Markdown. <paramref name="lineStart"/>: the text may begin a line,
    /// so what would open a block there ("1.", "-", "+", "=") is escaped too (not needed after "## " or "**").
    /// </summary>
    public static string Escape(string text, bool lineStart = true)
    {
        var flat = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim();
        var escaped = new StringBuilder(flat.Length + 8);
        foreach (var c in flat)
        {
            if (InlineSpecials.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        var result = escaped.ToString();
        if (!lineStart)
        {
            return result;
        }

        // Line starts that open a block: "1." / "1)" (ordered list), "-", "+" (list, thematic break, setext underline), "=".
        var ordered = OrderedListStart().Match(result);
        if (ordered.Success)
        {
            return result.Insert(ordered.Groups[1].Index, "\\");
        }

        return result.Length > 0 && result[0] is '-' or '+' or '=' ? "\\" + result : result;
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^\d{1,9}([.)])")]
    private static partial Regex OrderedListStart();
}
