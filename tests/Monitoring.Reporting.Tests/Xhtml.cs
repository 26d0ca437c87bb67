using System.Xml;
using System.Xml.Linq;

namespace Monitoring.Reporting.Tests;

/// <summary>Reads the report back as XML: it is written to be well-formed, so a failure to parse is a failed test.</summary>
internal static class Xhtml
{
    public static readonly XNamespace H = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public const string Nnbsp = "\u202F";
    public const string Minus = "\u2212";

    public static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static XDocument Render(DialogueReport report) => Parse(HtmlReportRenderer.Render(report));

    public static bool HasClass(this XElement element, string name) =>
        ((string?)element.Attribute("class"))?.Split(' ').Contains(name) == true;

    public static IEnumerable<XElement> WithClass(this XContainer container, string name) =>
        container.Descendants().Where(e => e.HasClass(name));

    public static XElement Section(this XDocument document, string id) =>
        document.Descendants(H + "section").Single(s => (string?)s.Attribute("id") == id);

    /// <summary>The cells of the overview row of a target.</summary>
    public static IReadOnlyList<XElement> TargetCells(this XDocument document, string targetId) =>
        document.Descendants(H + "tr").Single(r => (string?)r.Attribute("data-target") == targetId).Elements(H + "td").ToList();

    /// <summary>A cell's own text, without that of its sub lines.</summary>
    public static string OwnText(this XElement cell) => string.Concat(cell.Nodes().Select(n => n switch
    {
        XText text => text.Value,
        XElement element when !element.HasClass("sub") => element.Value,
        _ => "",
    })).Trim();

    public static IReadOnlyList<string> Subs(this XElement cell) => cell.Elements(H + "span").Where(e => e.HasClass("sub")).Select(e => e.Value).ToList();
}
