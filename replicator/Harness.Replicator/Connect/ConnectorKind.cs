namespace Harness.Replicator.Connect;

/// <summary>Which of MirrorMaker 2's three Connect connectors a connector is; each runs a different part of a flow.</summary>
public enum ConnectorKind
{
    /// <summary><c>MirrorSourceConnector</c>: copies records and writes offset syncs.</summary>
    Source,

    /// <summary><c>MirrorCheckpointConnector</c>: emits checkpoints and syncs group offsets; copies nothing.</summary>
    Checkpoint,

    /// <summary><c>MirrorHeartbeatConnector</c>: emits heartbeats only.</summary>
    Heartbeat,
}
