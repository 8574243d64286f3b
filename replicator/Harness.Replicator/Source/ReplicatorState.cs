namespace Harness.Replicator.Source;

/// <summary>Where a <see cref="MirrorReplicator"/> is in its life.</summary>
public enum ReplicatorState
{
    /// <summary>Connecting, creating topics, planning tasks.</summary>
    Starting,

    /// <summary>Copying records (possibly paused).</summary>
    Running,

    /// <summary>Flushing and saving progress after a stop request.</summary>
    Stopping,

    /// <summary>Stopped cleanly.</summary>
    Stopped,

    /// <summary>Stopped on an error.</summary>
    Failed,
}
