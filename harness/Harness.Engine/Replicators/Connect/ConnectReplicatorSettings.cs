using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// MirrorMaker 2's connectors on a Kafka Connect cluster in distributed mode, driven over Connect's REST API: a cluster
/// that exists (<see cref="Url"/>) or workers the harness starts from a Kafka distribution (<see cref="Workers"/>).
/// </summary>
public sealed record ConnectReplicatorSettings : IReplicatorSettings
{
    /// <summary>The REST endpoint of an existing Connect cluster, or <see langword="null"/> when the harness starts the workers.</summary>
    public Uri? Url { get; init; }

    /// <summary>The distribution's folder as the scenario gives it, or <see langword="null"/> for <c>KAFKA_HOME</c> (started workers only).</summary>
    public string? KafkaHome { get; init; }

    /// <summary>How many workers the harness starts (0 with <see cref="Url"/>).</summary>
    public int Workers { get; init; }

    /// <summary>The <c>tasks.max</c> of every connector without its own, or <see langword="null"/> for Connect's default (1).</summary>
    public int? Tasks { get; init; }

    /// <summary>Per-connector settings by role or volume class (<c>high</c>, <c>checkpoint</c>, ...).</summary>
    public IReadOnlyDictionary<string, ConnectorTuning> Connectors { get; init; } = new Dictionary<string, ConnectorTuning>();

    /// <summary>Each started worker's JVM heap, or <see langword="null"/> for the script's default.</summary>
    public int? HeapMiB { get; init; }

    /// <summary>The JMX exporter's endpoint the harness scrapes, or <see langword="null"/> for no metrics.</summary>
    public Uri? Prometheus { get; init; }

    /// <summary>Whether the harness starts the workers (and so can kill, pause and restart them).</summary>
    public bool StartsWorkers => Url is null;

    /// <inheritdoc/>
    public ReplicatorCapabilities Capabilities => new()
    {
        Metrics = Prometheus is not null,
        ProcessFaults = StartsWorkers,
        HeapLimit = StartsWorkers,
        CreatesTargetTopics = true,
        MirrorsTopicConfigs = true,
        EmitsHeartbeats = true,
        Connectors = true,
        Workers = StartsWorkers ? Workers : null,
    };
}
