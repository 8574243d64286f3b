namespace Harness.Engine.Scenarios;

/// <summary>What a cut-over step does.</summary>
public enum CutoverAction
{
    /// <summary>Stop the apps' consumers on the source and start them on the target (<c>moveConsumers</c>).</summary>
    MoveConsumers,

    /// <summary>Move the apps' producers to the target (<c>moveProducers</c>).</summary>
    MoveProducers,

    /// <summary>Take the replicator offline (<c>stopReplicator</c>).</summary>
    StopReplicator,
}
