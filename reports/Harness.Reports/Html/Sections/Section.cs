namespace Harness.Reports.Html.Sections;

/// <summary>The common frame of a report section: a &lt;section&gt; labelled by its heading.</summary>
internal static class Section
{
    public static void Open(HtmlOutput html, string id, string heading)
    {
        html.Open("section", ("id", id), ("aria-labelledby", id + "-heading"));
        html.Line();
        html.Element("h2", heading, ("id", id + "-heading"));
        html.Line();
    }

    public static void Close(HtmlOutput html)
    {
        html.Close("section");
        html.Line();
    }
}
