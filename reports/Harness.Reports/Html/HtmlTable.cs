namespace Harness.Reports.Html;

/// <summary>An accessible data table: caption, column headers with scope, optional row headers, sortable by the
/// page script (and fully readable without it).</summary>
internal sealed class HtmlTable(string id, string caption, IReadOnlyList<TableColumn> columns)
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

    /// <summary>Writes the table, or <paramref name="emptyText"/> when it has no rows.</summary>
    public void Render(HtmlOutput html, string emptyText)
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
        foreach (var row in _rows)
        {
            RenderRow(html, row);
        }

        html.Close("tbody");
        html.Close("table");
        html.Close("div");
        html.Line();
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
