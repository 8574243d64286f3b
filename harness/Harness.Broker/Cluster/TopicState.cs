using System.Collections.Concurrent;
using Harness.Broker.Storage;

namespace Harness.Broker.Cluster;

/// <summary>A topic: id, partitions (replaced whole when partitions are added) and configs.</summary>
internal sealed class TopicState
{
    private volatile PartitionState[] _partitions;
    private volatile TopicConfig _config;

    public TopicState(string name, PartitionState[] partitions, IReadOnlyDictionary<string, string> configs)
    {
        Name = name;
        _partitions = partitions;
        foreach (var (key, value) in configs)
        {
            Configs[key] = value;
        }

        _config = TopicConfig.From(Configs);
    }

    public string Name { get; }

    public Guid TopicId { get; } = Guid.NewGuid();

    public PartitionState[] Partitions => _partitions;

    /// <summary>Configs set explicitly on the topic; absent keys take broker defaults.</summary>
    public ConcurrentDictionary<string, string> Configs { get; } = new();

    public TopicConfig Config => _config;

    public bool IsInternal => Name.StartsWith("__", StringComparison.Ordinal);

    public void ConfigsChanged() => _config = TopicConfig.From(Configs);

    public void AddPartitions(PartitionState[] added) => _partitions = [.. _partitions, .. added];
}
