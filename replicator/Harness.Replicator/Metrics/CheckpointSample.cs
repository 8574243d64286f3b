namespace Harness.Replicator.Metrics;

/// <summary>One checkpointed group-topic-partition in a <see cref="MetricsSnapshot"/>.</summary>
/// <param name="Group">Consumer group.</param>
/// <param name="Topic">Target-side topic of the checkpoint.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="Latency">MM2 checkpoint-latency-ms over the last window.</param>
public sealed record CheckpointSample(string Group, string Topic, int Partition, LatencyWindow Latency);
