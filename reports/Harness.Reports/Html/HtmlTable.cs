using System.Globalization;

namespace Harness.Reports.Html;

/// <summary>An accessible data table: caption, column headers with scope, optional row headers, sortable by the
/// page script (and fully readable without it). A table given <c>maxRows</c> shows at most that many rows, notable
/// ones first, and says how many it left out: a run over thousands of partitions keeps a readable, bounded page.</summary>
internal sealed class HtmlTable(string id, string caption, IReadOnlyList<TableColumn> columns, int maxRows = int.MaxValue)
{
    private readonly List<TableRow> _rows = [];

    public void Add(TableRow row)
    {
        if (row.Cells.Count != columns.Count)
        {
            throw new ArgumentException($"Row has {row.Cells.Count} cells, table {id} has {columns.Count} columns.", nameof(row));
        }

        _rows.Add(row);
    }

    public void Add(params TableCell[] cells) => Add(new TableRow(cells));

    /// <summary>
    /// Writes the table, or <paramref name="emptyText"/> when it has no rows; past the table's cap, the rows left out are
    /// counted in a line after it, followed by <paramref name="leftOutNote"/> (where their totals are).
    /// </summary>
    public void Render(HtmlOutput html, string emptyText, string? leftOutNote = null)
    {
        if (_rows.Count == 0)
        {
            html.Element("p", emptyText, ("id", id), ("class", "empty"));
            html.Line();
            return;
        }

        html.Open("div", ("class", "table-wrap"));
        html.Open("table", ("id", id), ("class", "sortable"));
        html.Element("caption", caption);
        html.Open("thead");
        html.Open("tr");
        foreach (var column in columns)
        {
            html.Element("th", column.Header, ("scope", "col"), ("class", column.Numeric ? "num" : null));
        }

        html.Close("tr");
        html.Close("thead");
        html.Line();
        html.Open("tbody");
        var shown = Shown();
        foreach (var row in shown)
        {
            RenderRow(html, row);
        }

        html.Close("tbody");
        html.Close("table");
        html.Close("div");
        html.Line();
        if (shown.Count < _rows.Count)
        {
            var leftOut = _rows.Count - shown.Count;
            var notable = _rows.Count(r => r.Notable) - shown.Count(r => r.Notable);
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{leftOut:N0} more rows not shown ({notable:N0} of them with problems); only {shown.Count:N0} of {_rows.Count:N0} are listed.");
            html.Element("p", leftOutNote is null ? text : $"{text} {leftOutNote}", ("id", id + "-more"), ("class", "table-more"));
            html.Line();
        }
    }

    /// <summary>The rows within the cap: notable ones first, then the others, each in their order.</summary>
    private List<TableRow> Shown()
    {
        if (_rows.Count <= maxRows)
        {
            return _rows;
        }

        var kept = new HashSet<TableRow>(ReferenceEqualityComparer.Instance);
        foreach (var row in _rows.Where(r => r.Notable).Concat(_rows.Where(r => !r.Notable)).Take(maxRows))
        {
            kept.Add(row);
        }

        return [.. _rows.Where(kept.Contains)];
    }

    private void RenderRow(HtmlOutput html, TableRow row)
    {
        html.Open("tr", ("class", row.CssClass), ("data-key", row.Key));
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var cell = row.Cells[i];
            var tag = column.RowHeader ? "th" : "td";
            var classes = string.Join(' ', new[] { column.Numeric ? "num" : null, cell.CssClass }.Where(c => c is not null));
            html.Open(
                tag,
                ("scope", column.RowHeader ? "row" : null),
                ("class", classes.Length == 0 ? null : classes),
                ("data-value", cell.SortValue));
            if (cell.IconHtml is not null)
            {
                html.Raw(cell.IconHtml);
            }

            html.Text(cell.Text);
            html.Close(tag);
        }

        html.Close("tr");
        html.Line();
    }
}
