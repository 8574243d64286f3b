namespace Harness.Engine.Scenarios;

/// <summary>What a replicator driver can do, declared by the driver and asked by validation and the run.</summary>
public sealed record ReplicatorCapabilities
{
    /// <summary>Whether the replicator can be killed, paused and restarted (replicator faults).</summary>
    public bool ProcessFaults { get; init; }

    /// <summary>Whether the harness sets its heap limit when it starts it (a heap-pressure fault's <c>limitMiB</c>).</summary>
    public bool HeapLimit { get; init; }

    /// <summary>
    /// Whether it also holds a ballast the harness grows towards that limit (a heap-pressure fault's <c>fraction</c> and
    /// <c>over</c>); without one, the load alone presses on the smaller heap.
    /// </summary>
    public bool HeapBallast { get; init; }

    /// <summary>Whether it writes the harness's replicator metrics, whose gaps the run watches and whose memory it charts.</summary>
    public bool Metrics { get; init; }

    /// <summary>Whether it creates its target topics itself; otherwise the harness creates them with the source partition counts.</summary>
    public bool CreatesTargetTopics { get; init; }

    /// <summary>Whether it mirrors topic configs (MM2's <c>sync.topic.configs.enabled</c>, on unless the properties turn it off).</summary>
    public bool MirrorsTopicConfigs { get; init; }

    /// <summary>Whether it emits heartbeats (MM2's <c>emit.heartbeats.enabled</c>, on unless the properties turn it off).</summary>
    public bool EmitsHeartbeats { get; init; }

    /// <summary>
    /// Whether it runs as connectors on a Kafka Connect cluster the harness drives over REST, so connector faults
    /// (<c>restartConnector</c>, <c>restartTask</c>, <c>pauseConnector</c>) apply.
    /// </summary>
    public bool Connectors { get; init; }

    /// <summary>How many Connect workers the harness starts (so <c>killWorker</c> applies), or <see langword="null"/> when it starts none.</summary>
    public int? Workers { get; init; }
}
