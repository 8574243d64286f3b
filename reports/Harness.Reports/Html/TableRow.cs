namespace Harness.Reports.Html;

/// <summary>A row of an <see cref="HtmlTable"/>.</summary>
/// <param name="Cells">One cell per column.</param>
/// <param name="CssClass">A class for the row, for example "row-fail".</param>
/// <param name="Key">A stable key written as data-key, so tests and tools can find the row.</param>
/// <param name="Notable">Whether the row shows a problem: a capped table shows such rows before any other.</param>
internal sealed record TableRow(IReadOnlyList<TableCell> Cells, string? CssClass = null, string? Key = null, bool Notable = false);
