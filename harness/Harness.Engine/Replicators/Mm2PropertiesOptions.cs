namespace Harness.Engine.Replicators;

/// <summary>
/// What a driver adds to the run's MM2 properties beyond what every replicator gets. Real MirrorMaker 2 needs these;
/// the built-in replicator does not (it caps its own replication factors and warns about Connect's storage keys).
/// </summary>
public sealed record Mm2PropertiesOptions
{
    /// <summary>Nothing added: the properties every replicator gets.</summary>
    public static Mm2PropertiesOptions None { get; } = new();

    /// <summary>MirrorMaker 2's <c>tasks.max</c>, or <see langword="null"/> to leave its default (1).</summary>
    public int? TasksMax { get; init; }

    /// <summary>
    /// Whether to write the replication factors of the topics MirrorMaker 2 creates, capped by the clusters' broker
    /// counts (<see cref="Mm2ReplicationFactors"/>): its defaults (2 and 3) cannot be created on smaller clusters.
    /// </summary>
    public bool CapReplicationFactors { get; init; }

    /// <summary>Whether client security settings take librdkafka's names (the built-in replicator) rather than Java's.</summary>
    public bool LibrdkafkaClients { get; init; }
}
