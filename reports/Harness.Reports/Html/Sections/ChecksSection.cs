using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>The checks table: pass or fail (word and icon), measured against expected.</summary>
internal sealed class ChecksSection : IHtmlSection
{
    private static readonly TableColumn[] Columns =
    [
        new("Result"), new("Check", RowHeader: true), new("Measured"), new("Expected"), new("Message"),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "checks", "Checks");
        var failed = result.Checks.Count(c => !c.Passed);
        var caption = $"Verification checks: {result.Checks.Count - failed} passed, {failed} failed";
        var table = new HtmlTable("checks-table", caption, Columns);
        foreach (var check in result.Checks)
        {
            var status = check.Passed
                ? new TableCell("PASS", "1", "status pass", Icons.Pass)
                : new TableCell("FAIL", "0", "status fail", Icons.Fail);
            table.Add(new TableRow(
                [status, check.Name, check.Measured, check.Expected, check.Message ?? ""],
                check.Passed ? null : "row-fail",
                check.Name));
        }

        table.Render(html, "No checks were run.");
        Section.Close(html);
    }
}
