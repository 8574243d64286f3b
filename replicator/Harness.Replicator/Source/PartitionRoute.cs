using Confluent.Kafka;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Source;

/// <summary>Where one source partition's records go, kept per partition so the hot path allocates no names.</summary>
/// <param name="Target">The remote topic and the same partition number.</param>
/// <param name="TargetPartitions">Partition count of the remote topic.</param>
/// <param name="Metrics">The partition's counters.</param>
internal sealed record PartitionRoute(TopicPartition Target, int TargetPartitions, PartitionMetrics Metrics);
