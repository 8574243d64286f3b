namespace Harness.Replicator.Source;

/// <summary>A source partition given to a task.</summary>
/// <param name="Topic">Source topic.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="StartOffset">First offset to copy (saved progress), or null to start at the beginning.</param>
/// <param name="TargetPartitions">Partition count of the remote topic.</param>
internal sealed record PartitionAssignment(string Topic, int Partition, long? StartOffset, int TargetPartitions);
