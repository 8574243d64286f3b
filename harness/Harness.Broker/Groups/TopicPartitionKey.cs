namespace Harness.Broker.Groups;

/// <summary>A topic partition as a dictionary key of committed offsets.</summary>
internal readonly record struct TopicPartitionKey(string Topic, int Partition);
