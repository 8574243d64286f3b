namespace Harness.Reports.Html;

/// <summary>
/// Inline SVG status icons. Drawn rather than taken from a font so they show on machines without emoji fonts
/// (headless CI browsers) and in print. Always placed next to a status word: colour and shape are never the
/// only signal, and the icons are hidden from screen readers, which read the word.
/// </summary>
internal static class Icons
{
    private const string Open = "<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">";

    public const string Pass = Open
        + "<circle cx=\"8\" cy=\"8\" r=\"7.5\" fill=\"currentColor\" />"
        + "<path d=\"M4.3 8.4l2.5 2.5 4.9-5.3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" />"
        + "</svg>";

    public const string Fail = Open
        + "<circle cx=\"8\" cy=\"8\" r=\"7.5\" fill=\"currentColor\" />"
        + "<path d=\"M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\" stroke-linecap=\"round\" />"
        + "</svg>";

    public const string Warning = Open
        + "<path d=\"M8 .8l7.4 13.6H.6z\" fill=\"currentColor\" />"
        + "<path d=\"M8 5.5v4.3M8 11.7v.3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"1.9\" stroke-linecap=\"round\" />"
        + "</svg>";

    public const string Error = Open
        + "<path d=\"M5 .5h6L15.5 5v6L11 15.5H5L.5 11V5z\" fill=\"currentColor\" />"
        + "<path d=\"M8 4v5M8 11.6v.3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\" stroke-linecap=\"round\" />"
        + "</svg>";
}
