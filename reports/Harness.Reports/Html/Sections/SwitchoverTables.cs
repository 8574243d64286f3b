using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>
/// The switchover rehearsal, inside the offset translation section: per group, what a real consumer started at the
/// translated offsets on the target read; per partition, where it started and what it would skip or read again.
/// Missing records are flagged in the cell (icon, bold, colour); the pass/fail word is the group's check.
/// </summary>
internal static class SwitchoverTables
{
    private static readonly TableColumn[] GroupColumns =
    [
        new("Group", RowHeader: true), new("Started from"), new("Partitions", Numeric: true), new("Unconsumed", Numeric: true),
        new("Read", Numeric: true), new("Missing", Numeric: true), new("Re-read", Numeric: true), new("Read to end"),
    ];

    private static readonly TableColumn[] PartitionColumns =
    [
        new("Group", RowHeader: true), new("Topic"), new("Partition", Numeric: true), new("Started from"),
        new("Start offset", Numeric: true), new("End offset", Numeric: true), new("Unconsumed", Numeric: true),
        new("Missing", Numeric: true), new("Re-read", Numeric: true),
    ];

    public static void Render(RunResult result, HtmlOutput html)
    {
        var groups = new HtmlTable(
            "switchover-table",
            "Switchover rehearsal: a consumer started at the translated offsets on the target (missing records would be skipped)",
            GroupColumns);
        var partitions = new HtmlTable("switchover-partitions", "Switchover rehearsal per partition", PartitionColumns);
        foreach (var group in result.Switchover)
        {
            groups.Add(new TableRow(
                [
                    group.Group,
                    Source(group.StartSource),
                    TableCell.Count(group.Partitions.Count),
                    TableCell.Count(group.Unconsumed),
                    TableCell.Count(group.RecordsRead),
                    TableCell.Count(group.Missing, flagNonZero: true),
                    TableCell.Count(group.ReRead),
                    group.Complete ? "yes" : new TableCell("no", "0", "bad", Icons.Warning),
                ],
                Key: group.Group));
            foreach (var p in group.Partitions)
            {
                partitions.Add(new TableRow(
                    [
                        group.Group,
                        p.Topic,
                        TableCell.Count(p.Partition),
                        Source(p.StartSource),
                        TableCell.Count(p.StartOffset),
                        TableCell.Count(p.EndOffset),
                        TableCell.Count(p.Unconsumed),
                        TableCell.Count(p.Missing, flagNonZero: true),
                        TableCell.Count(p.ReRead),
                    ],
                    Key: $"{group.Group}/{p.Topic}/{p.Partition}"));
            }
        }

        groups.Render(html, "No switchover was rehearsed.");
        partitions.Render(html, "No partitions were read in a switchover rehearsal.");
    }

    private static TableCell Source(SwitchoverStartSource source) => source switch
    {
        SwitchoverStartSource.Checkpoint => "checkpoint",
        SwitchoverStartSource.SyncedGroupOffset => "synced group offset",
        _ => new TableCell("earliest (no translation)", "earliest", "bad", Icons.Warning),
    };
}
