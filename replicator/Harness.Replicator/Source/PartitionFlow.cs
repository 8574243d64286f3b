using Confluent.Kafka;
using Harness.Replicator.Metrics;
using Harness.Replicator.OffsetSyncs;
using Harness.Replicator.Progress;

namespace Harness.Replicator.Source;

/// <summary>
/// Everything the per-record path of one source partition touches, looked up once per record: where its records
/// go, its counters, its progress and its offset-sync state.
/// </summary>
/// <param name="Source">The source topic and partition.</param>
/// <param name="Target">The remote topic and the same partition number.</param>
/// <param name="TargetPartitions">Partition count of the remote topic.</param>
/// <param name="Metrics">The partition's counters.</param>
/// <param name="Progress">The partition's acknowledged frontier.</param>
/// <param name="OffsetSyncs">The partition's offset-sync state; null when offset syncs are off.</param>
internal sealed record PartitionFlow(
    (string Topic, int Partition) Source,
    TopicPartition Target,
    int TargetPartitions,
    PartitionMetrics Metrics,
    AckFrontier Progress,
    OffsetSyncPartition? OffsetSyncs);
