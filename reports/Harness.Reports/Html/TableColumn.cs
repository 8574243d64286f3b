namespace Harness.Reports.Html;

/// <summary>A column of an <see cref="HtmlTable"/>.</summary>
/// <param name="Header">The header text.</param>
/// <param name="Numeric">Right-aligned, for numbers.</param>
/// <param name="RowHeader">Cells of this column are row headers (&lt;th scope="row"&gt;).</param>
internal sealed record TableColumn(string Header, bool Numeric = false, bool RowHeader = false);
