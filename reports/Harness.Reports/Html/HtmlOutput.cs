using System.Net;

namespace Harness.Reports.Html;

/// <summary>
/// Writes HTML that is also well-formed XML (quoted attributes, closed void elements, numeric entities only), so
/// the report can be checked by an XML parser as well as shown by a browser. Every piece of text passes through
/// <see cref="Encode"/>; only this library's own markup goes through <see cref="Raw"/>.
/// </summary>
internal sealed class HtmlOutput(TextWriter writer)
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(XmlChars.Clean(text));

    public void Raw(string html) => writer.Write(html);

    public void Text(string? text) => writer.Write(Encode(text));

    public void Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        writer.Write('<');
        writer.Write(tag);
        WriteAttributes(attributes);
        writer.Write('>');
    }

    public void Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        writer.Write('<');
        writer.Write(tag);
        WriteAttributes(attributes);
        writer.Write(" />");
    }

    public void Close(string tag)
    {
        writer.Write("</");
        writer.Write(tag);
        writer.Write('>');
    }

    public void Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, attributes);
        Text(text);
        Close(tag);
    }

    public void Line() => writer.Write('\n');

    private void WriteAttributes(ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            writer.Write(' ');
            writer.Write(name);
            writer.Write("=\"");
            writer.Write(Encode(value));
            writer.Write('"');
        }
    }
}
