namespace Harness.Reports.Html;

/// <summary>
/// The page's only script: click a column header to sort a table. Everything is readable without it; the
/// headers become buttons only when the script runs, so a page without script shows no dead controls.
/// </summary>
internal static class PageScript
{
    public const string Js = """
(function () {
  "use strict";
  function key(cell) {
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-value");
    if (value !== null && value !== "" && !isNaN(Number(value))) { return Number(value); }
    return (value !== null && value !== "") ? value : cell.textContent.trim();
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    return String(a).localeCompare(String(b), undefined, { numeric: true });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a.cells[index]), key(b.cells[index]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
""";
}
