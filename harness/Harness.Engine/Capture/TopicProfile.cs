using Harness.Engine.Load.Model;

namespace Harness.Engine.Capture;

/// <summary>What a capture learnt about one topic: structure, configs, traffic over the window and the shape of its records.</summary>
public sealed record TopicProfile
{
    /// <summary>The topic name.</summary>
    public required string Name { get; init; }

    /// <summary>Partitions.</summary>
    public required int Partitions { get; init; }

    /// <summary>Topic configs set on the topic itself (not defaults, not broker-wide).</summary>
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();

    /// <summary>Records appended during the window: the sum of the partitions' end-offset growth.</summary>
    public required long Records { get; init; }

    /// <summary>Records per second over the whole window.</summary>
    public required double Rate { get; init; }

    /// <summary>Records appended in each whole second of the window.</summary>
    public IReadOnlyList<double> PerSecond { get; init; } = [];

    /// <summary>Records sampled for sizes, keys and headers.</summary>
    public required int Sampled { get; init; }

    /// <summary>The value size distribution, or <see langword="null"/> when nothing could be sampled.</summary>
    public SizeDistribution? Size { get; init; }

    /// <summary>The key distribution and the evidence for it.</summary>
    public required KeyEstimate Keys { get; init; }

    /// <summary>Application headers per record, on average.</summary>
    public double HeaderCount { get; init; }

    /// <summary>Bytes per application header value, on average.</summary>
    public double HeaderSize { get; init; }
}
