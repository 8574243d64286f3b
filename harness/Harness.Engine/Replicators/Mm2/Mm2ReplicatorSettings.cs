using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators.Mm2;

/// <summary>Real MirrorMaker 2 in dedicated mode, run from a Kafka distribution.</summary>
/// <param name="KafkaHome">The distribution's folder as the scenario gives it, or <see langword="null"/> for <c>KAFKA_HOME</c>.</param>
/// <param name="Tasks">MirrorMaker 2's <c>tasks.max</c>, or <see langword="null"/> for its default.</param>
/// <param name="HeapMiB">The JVM heap (<c>-Xms</c> = <c>-Xmx</c>), or <see langword="null"/> for the script's default.</param>
/// <param name="Prometheus">The JMX exporter's endpoint the harness scrapes (<c>metrics: {prometheus: URL}</c>), or <see langword="null"/> for no metrics.</param>
public sealed record Mm2ReplicatorSettings(string? KafkaHome, int? Tasks, int? HeapMiB, Uri? Prometheus = null) : IReplicatorSettings
{
    /// <inheritdoc/>
    /// <remarks>
    /// Signals reach the JVM (the scripts exec it); its heap is whatever -Xmx says, but nothing in it answers the harness,
    /// so there is no ballast; metrics only when a JMX exporter's endpoint is given.
    /// </remarks>
    public ReplicatorCapabilities Capabilities => new()
    {
        Metrics = Prometheus is not null,
        ProcessFaults = true,
        HeapLimit = true,
        CreatesTargetTopics = true,
        MirrorsTopicConfigs = true,
        EmitsHeartbeats = true,
    };
}
