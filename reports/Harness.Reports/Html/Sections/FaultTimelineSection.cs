using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>The faults injected, when, and the effect measured while they were active.</summary>
internal sealed class FaultTimelineSection : IHtmlSection
{
    private static readonly TableColumn[] Columns =
    [
        new("Fault", RowHeader: true), new("Kind"), new("Target"), new("Start", Numeric: true),
        new("End", Numeric: true), new("Duration", Numeric: true), new("Recovery", Numeric: true), new("Measured effect"),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "faults", "Fault timeline");
        var table = new HtmlTable("faults-table", "Faults injected (times since the run started)", Columns);
        foreach (var fault in result.Faults)
        {
            var duration = fault.EndSeconds - fault.StartSeconds;
            table.Add(new TableRow(
                [
                    fault.Id,
                    fault.Kind,
                    fault.Target,
                    new TableCell(Format.Clock(fault.StartSeconds), Format.SortKey(fault.StartSeconds)),
                    fault.EndSeconds is { } end ? new TableCell(Format.Clock(end), Format.SortKey(end)) : new TableCell("none", ""),
                    duration is { } d ? new TableCell(Format.Decimal(d) + " s", Format.SortKey(d)) : new TableCell("instant", "0"),
                    Recovery(fault),
                    fault.MeasuredEffect,
                ],
                Key: fault.Id));
        }

        table.Render(html, "No faults were injected.");
        Section.Close(html);
    }

    // Seconds from the fault's end until replication flowed and lag was back to its earlier level, against its bound.
    private static TableCell Recovery(FaultEntry fault)
    {
        var bound = fault.RecoverWithinSeconds is { } within ? $" (bound {Format.Decimal(within)} s)" : "";
        return fault.RecoverySeconds is { } seconds
            ? new TableCell(Format.Decimal(seconds) + " s" + bound, Format.SortKey(seconds))
            : new TableCell(fault.Duplicates is null ? "" : "not within the run" + bound, "");
    }
}
