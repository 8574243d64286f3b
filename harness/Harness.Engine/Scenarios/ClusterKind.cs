namespace Harness.Engine.Scenarios;

/// <summary>Where a cluster comes from.</summary>
public enum ClusterKind
{
    /// <summary>The harness starts its own in-process brokers (<c>embedded</c>).</summary>
    Embedded,

    /// <summary>An existing cluster reached through bootstrap servers (<c>external</c>); faults that need broker control are unavailable.</summary>
    External,

    /// <summary>
    /// Brokers in a Docker container started through Testcontainers (<c>containers</c>): the harness's own broker by
    /// default, or a Kafka image such as <c>apache/kafka</c>.
    /// </summary>
    Containers,
}
