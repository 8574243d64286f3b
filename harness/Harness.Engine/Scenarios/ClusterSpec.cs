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

    /// <summary>Bootstrap servers (<c>host:port,...</c>) of an external cluster; <see langword="null"/> for embedded.</summary>
    public string? Bootstrap { get; init; }
}
