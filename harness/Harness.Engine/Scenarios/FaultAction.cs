namespace Harness.Engine.Scenarios;

/// <summary>What a fault does; the YAML key of each member is its camel-case name (<c>killBroker</c>, ...).</summary>
public enum FaultAction
{
    /// <summary>Stop a broker abruptly: its listener closes and partition leaders fail over (<c>killBroker</c>).</summary>
    KillBroker,

    /// <summary>Stop a broker and start it again (<c>restartBroker</c>).</summary>
    RestartBroker,

    /// <summary>Keep a broker's connections open but stop answering (<c>hangBroker</c>).</summary>
    HangBroker,

    /// <summary>Delay a broker's responses (<c>latency</c>).</summary>
    Latency,

    /// <summary>Answer some requests with retriable errors (<c>errors</c>).</summary>
    Errors,

    /// <summary>Move partition leadership (<c>moveLeader</c>).</summary>
    MoveLeader,

    /// <summary>SIGKILL the replicator (<c>killReplicator</c>).</summary>
    KillReplicator,

    /// <summary>SIGSTOP the replicator, then SIGCONT after the fault's duration (<c>pauseReplicator</c>).</summary>
    PauseReplicator,

    /// <summary>Stop the replicator gracefully and start it again (<c>restartReplicator</c>).</summary>
    RestartReplicator,

    /// <summary>Squeeze the replicator's heap (<c>heapPressure</c>).</summary>
    HeapPressure,

    /// <summary>Restart a Connect connector and its tasks over REST (<c>restartConnector</c>).</summary>
    RestartConnector,

    /// <summary>Restart one task of a Connect connector over REST (<c>restartTask</c>).</summary>
    RestartTask,

    /// <summary>Pause a Connect connector over REST, resumed after the fault's duration (<c>pauseConnector</c>).</summary>
    PauseConnector,

    /// <summary>SIGKILL one Connect worker the harness started, started again after the fault's duration (<c>killWorker</c>).</summary>
    KillWorker,

    /// <summary>Run the log cleaner over one topic now (<c>compact</c>).</summary>
    Compact,

    /// <summary>Keep writing to the source's copy of an app's topics after its producers moved (<c>stragglerProducer</c>).</summary>
    StragglerProducer,

    /// <summary>An app's consumer members leave and rejoin one by one (<c>rollingRestart</c>).</summary>
    RollingRestart,
}
