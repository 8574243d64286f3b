namespace Harness.Engine.Switchover;

/// <summary>What a switched-over consumer did with one source partition of its group.</summary>
/// <param name="Topic">The source topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Committed">The group's committed source offset.</param>
/// <param name="Unconsumed">Acknowledged records at or after <paramref name="Committed"/>.</param>
/// <param name="Missing">Unconsumed records never read: they would be skipped.</param>
/// <param name="ReRead">Reads of records the group had already consumed.</param>
internal sealed record SwitchoverPartitionTally(string Topic, int Partition, long Committed, long Unconsumed, long Missing, long ReRead);
