namespace Harness.Broker.Admin;

/// <summary>One topic of a CreateTopics request, as read from the wire.</summary>
internal sealed record CreatableTopic(
    string Name,
    int Partitions,
    short ReplicationFactor,
    IReadOnlyList<(int Partition, int[] Brokers)> Assignments,
    IReadOnlyList<KeyValuePair<string, string?>> Configs);
