using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>Parity per topic (summed) and per partition. Non-zero anomaly counts are highlighted in bold as well
/// as colour.</summary>
internal sealed class ParitySection : IHtmlSection
{
    /// <summary>Partitions listed at most: those with anomalies first; the per-topic sums and results.json cover them all.</summary>
    internal const int MaxPartitionRows = 200;

    private static readonly string[] CountHeaders =
        ["Produced", "Replicated", "Lost", "Duplicated", "Reordered", "Corrupted", "Misrouted", "Unexpected"];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "parity", "Parity");

        // Only a run with transactional load has aborted records: other reports keep their columns.
        var transactional = result.Parity.Any(p => p.Aborted > 0 || p.AbortedCopied > 0);

        // Likewise only a run with a compacted topic has key counts.
        var compacted = result.Parity.Any(p => p.Keys > 0 || p.Compacted > 0);

        var topics = new HtmlTable(
            "parity-topics",
            "Per-topic parity (sums over partitions)",
            [new("Source topic", RowHeader: true), new("Target topic"), new("Partitions", Numeric: true), .. CountColumns(transactional, compacted)]);
        foreach (var topic in TopicParity.Summarize(result.Parity))
        {
            topics.Add(new TableRow(
                [topic.SourceTopic, topic.TargetTopic, TableCell.Count(topic.Partitions),
                    .. Counts(topic.Produced, topic.Replicated, topic.Lost, topic.Duplicated, topic.Reordered,
                        topic.Corrupted, topic.Misrouted, topic.Unexpected),
                    .. AbortedCounts(transactional, topic.Aborted, topic.AbortedCopied),
                    .. KeyCounts(compacted, topic.Compacted, topic.Keys, topic.KeysLost, topic.StaleKeys, topic.KeysReordered)],
                Key: topic.SourceTopic));
        }

        topics.Render(html, "No parity figures: nothing was verified.");

        var partitions = new HtmlTable(
            "parity-partitions",
            "Per-partition parity",
            [new("Source topic", RowHeader: true), new("Target topic"), new("Partition", Numeric: true), .. CountColumns(transactional, compacted)],
            MaxPartitionRows);
        foreach (var p in result.Parity)
        {
            partitions.Add(new TableRow(
                [p.SourceTopic, p.TargetTopic, TableCell.Count(p.Partition),
                    .. Counts(p.Produced, p.Replicated, p.Lost, p.Duplicated, p.Reordered, p.Corrupted, p.Misrouted, p.Unexpected),
                    .. AbortedCounts(transactional, p.Aborted, p.AbortedCopied),
                    .. KeyCounts(compacted, p.Compacted, p.Keys, p.KeysLost, p.StaleKeys, p.KeysReordered)],
                Key: $"{p.SourceTopic}/{p.Partition}",
                Notable: p.Lost + p.Duplicated + p.Reordered + p.Corrupted + p.Misrouted + p.Unexpected + p.AbortedCopied + p.KeysLost + p.StaleKeys + p.KeysReordered > 0));
        }

        partitions.Render(html, "No partitions were verified.", "The per-topic sums above count every partition, and results.json lists each.");
        Section.Close(html);
    }

    private static IEnumerable<TableColumn> CountColumns(bool transactional, bool compacted) =>
        CountHeaders.Concat(transactional ? ["Aborted", "Aborted copied"] : [])
            .Concat(compacted ? ["Compacted", "Keys", "Keys lost", "Stale keys", "Keys reordered"] : [])
            .Select(h => new TableColumn(h, Numeric: true));

    /// <summary>A compacted topic's superseded records (not an anomaly), its keys and the keys in the wrong state, when the run had one.</summary>
    private static TableCell[] KeyCounts(bool compacted, long superseded, long keys, long keysLost, long staleKeys, long keysReordered) =>
        compacted
            ? [TableCell.Count(superseded), TableCell.Count(keys), TableCell.Count(keysLost, flagNonZero: true),
                TableCell.Count(staleKeys, flagNonZero: true), TableCell.Count(keysReordered, flagNonZero: true)]
            : [];

    /// <summary>Records of aborted transactions, and those of them copied (an anomaly), when the run had any.</summary>
    private static TableCell[] AbortedCounts(bool transactional, long aborted, long abortedCopied) =>
        transactional ? [TableCell.Count(aborted), TableCell.Count(abortedCopied, flagNonZero: true)] : [];

    private static TableCell[] Counts(
        long produced, long replicated, long lost, long duplicated, long reordered, long corrupted, long misrouted, long unexpected) =>
    [
        TableCell.Count(produced),
        TableCell.Count(replicated),
        TableCell.Count(lost, flagNonZero: true),
        TableCell.Count(duplicated, flagNonZero: true),
        TableCell.Count(reordered, flagNonZero: true),
        TableCell.Count(corrupted, flagNonZero: true),
        TableCell.Count(misrouted, flagNonZero: true),
        TableCell.Count(unexpected, flagNonZero: true),
    ];
}
