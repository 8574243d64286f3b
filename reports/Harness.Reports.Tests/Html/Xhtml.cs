using System.Xml;
using System.Xml.Linq;

namespace Harness.Reports.Tests.Html;

/// <summary>Reads report.html with an XML parser: the writer promises XML-compatible HTML, and it makes
/// structural assertions (ids, captions, scopes) exact instead of string searches.</summary>
internal static class Xhtml
{
    public static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    public static XElement ById(this XDocument document, string id) =>
        document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    public static IEnumerable<XElement> WithId(this XDocument document, string id) =>
        document.Descendants().Where(e => (string?)e.Attribute("id") == id);

    /// <summary>The text a reader sees, with runs of whitespace collapsed.</summary>
    public static string Text(this XElement element) =>
        string.Join(' ', element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
