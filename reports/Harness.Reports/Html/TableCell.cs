namespace Harness.Reports.Html;

/// <summary>A cell of an <see cref="HtmlTable"/>.</summary>
/// <param name="Text">The text shown (encoded when written).</param>
/// <param name="SortValue">A machine-readable value for sorting; null to sort by the text.</param>
/// <param name="CssClass">Extra classes.</param>
/// <param name="IconHtml">Trusted markup (one of <see cref="Icons"/>) shown before the text.</param>
internal sealed record TableCell(string Text, string? SortValue = null, string? CssClass = null, string? IconHtml = null)
{
    /// <summary>A count; a flagged non-zero count gets a warning icon and bold type as well as its colour.</summary>
    public static TableCell Count(long value, bool flagNonZero = false) =>
        flagNonZero && value != 0
            ? new(Format.Count(value), Format.SortKey(value), "bad", Icons.Warning)
            : new(Format.Count(value), Format.SortKey(value));

    public static TableCell Count(long? value) => new(Format.Count(value), Format.SortKey(value));

    public static implicit operator TableCell(string text) => new(text);
}
