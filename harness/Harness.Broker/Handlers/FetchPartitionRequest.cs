namespace Harness.Broker.Handlers;

/// <summary>One partition of a fetch request.</summary>
internal sealed record FetchPartitionRequest(string Topic, int Partition, int CurrentLeaderEpoch, long FetchOffset, int PartitionMaxBytes);
