namespace Harness.Engine.Switchover;

/// <summary>What the switchover consumer read.</summary>
/// <param name="RecordsRead">Records read, every copy counted.</param>
/// <param name="StartOffsets">The offset it started at on each remote partition (the log start where it had no translation).</param>
/// <param name="Unread">Partitions not read to their end offset in time, as "topic/partition at position of end".</param>
/// <param name="Error">The last consume error librdkafka reported, if any.</param>
internal sealed record SwitchoverReadOutcome(
    long RecordsRead,
    IReadOnlyDictionary<(string Topic, int Partition), long> StartOffsets,
    IReadOnlyList<string> Unread,
    string? Error)
{
    /// <summary>Every partition was read to its end offset.</summary>
    public bool Complete => Unread.Count == 0;
}
