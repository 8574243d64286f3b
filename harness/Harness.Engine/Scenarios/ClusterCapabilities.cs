namespace Harness.Engine.Scenarios;

/// <summary>What a cluster backend can do, declared by the backend and asked by validation and the run.</summary>
public sealed record ClusterCapabilities
{
    /// <summary>How messages name the cluster's nature, such as "is external" or "runs image apache/kafka:3.9.1".</summary>
    public required string Description { get; init; }

    /// <summary>Whether the harness controls the brokers, so broker faults (kill, hang, latency, errors, leader moves) can be injected.</summary>
    public bool BrokerFaults { get; init; }

    /// <summary>How many brokers the harness starts; <see langword="null"/> when it does not control the cluster's size.</summary>
    public int? Brokers { get; init; }

    /// <summary>Whether the harness can run the cluster's log cleaner on demand (the <c>compact</c> fault action).</summary>
    public bool Compaction { get; init; }

    /// <summary>
    /// Whether the harness starts the cluster for the run and throws it away after: only then may a scenario write a
    /// secret for it, since it protects nothing.
    /// </summary>
    public bool StartedByHarness { get; init; }

    /// <summary>Whether the cluster runs in containers, so a Docker engine must answer.</summary>
    public bool Containers { get; init; }
}
