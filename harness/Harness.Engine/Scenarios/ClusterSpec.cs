namespace Harness.Engine.Scenarios;

/// <summary>One side of the migration: <c>clusters.source</c> or <c>clusters.target</c>.</summary>
public sealed record ClusterSpec
{
    /// <summary>The number of brokers an embedded cluster gets when the scenario does not say.</summary>
    public const int DefaultBrokers = 3;

    /// <summary>An embedded cluster of <see cref="DefaultBrokers"/> brokers.</summary>
    public static ClusterSpec Default { get; } = new();

    /// <summary>Where the cluster comes from; <see cref="ClusterKind.Embedded"/> by default.</summary>
    public ClusterKind Kind { get; init; } = ClusterKind.Embedded;

    /// <summary>Brokers to start for an embedded cluster, 3 by default; 0 for an external cluster, whose size the harness does not control.</summary>
    public int Brokers { get; init; } = DefaultBrokers;

    /// <summary>The image name the <c>containers</c> backend runs its own broker from; any other image is a Kafka image.</summary>
    public const string HarnessBrokerImage = "harness";

    /// <summary>
    /// The image of a <see cref="ClusterKind.Containers"/> cluster: <see cref="HarnessBrokerImage"/> (the harness's own
    /// broker, every fault available) or a Kafka image such as <c>apache/kafka:3.9.1</c> (one broker, no broker faults);
    /// <see langword="null"/> for the other kinds.
    /// </summary>
    public string? Image { get; init; }

    /// <summary>Whether the harness controls this cluster's brokers, so broker faults can be injected.</summary>
    public bool SupportsBrokerFaults => Kind == ClusterKind.Embedded || (Kind == ClusterKind.Containers && Image == HarnessBrokerImage);

    /// <summary>Bootstrap servers (<c>host:port,...</c>) of an external cluster; <see langword="null"/> for embedded.</summary>
    public string? Bootstrap { get; init; }
}
