namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// One run topic on one cluster before the run: whether it exists, its shape and configs, and the principal's
/// authorized operations on it (Kafka names, READ, WRITE...; null when the broker did not say).
/// </summary>
public sealed record TopicSnapshot(string Name)
{
    /// <summary>Whether the topic exists.</summary>
    public bool Exists { get; init; }

    /// <summary>Whether Metadata refused even to describe it (TOPIC_AUTHORIZATION_FAILED).</summary>
    public bool DescribeDenied { get; init; }

    /// <summary>Partition count, when it exists.</summary>
    public int Partitions { get; init; }

    /// <summary>Replicas of its first partition, when it exists.</summary>
    public int ReplicationFactor { get; init; }

    /// <summary>The principal's operations on it; null when the broker did not answer them.</summary>
    public IReadOnlySet<string>? Operations { get; init; }

    /// <summary>Its configs as DescribeConfigs answered them; null when they could not be read.</summary>
    public IReadOnlyDictionary<string, string>? Configs { get; init; }
}
