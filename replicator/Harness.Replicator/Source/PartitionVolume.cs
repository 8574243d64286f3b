namespace Harness.Replicator.Source;

/// <summary>A source partition and its volume, the weight <see cref="TaskPlan"/> balances.</summary>
/// <param name="Topic">Source topic.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="Weight">Records per second to keep up with plus a share of the backlog; at least 1.</param>
internal sealed record PartitionVolume(string Topic, int Partition, double Weight);
