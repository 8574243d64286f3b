namespace Harness.Engine.Scenarios;

/// <summary>Where moved consumers start on the target (<c>moveConsumers.start</c>).</summary>
public enum ConsumerStart
{
    /// <summary>At the group's offsets translated from the replicator's latest checkpoints.</summary>
    Translated,

    /// <summary>At whatever the replicator synced into the target group (its committed offsets there).</summary>
    Synced,

    /// <summary>At each partition's start.</summary>
    Earliest,

    /// <summary>At each partition's end: whatever was not yet consumed on the source is skipped.</summary>
    Latest,
}
