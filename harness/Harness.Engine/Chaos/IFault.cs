namespace Harness.Engine.Chaos;

/// <summary>A scheduled fault: an action at a trigger, recovered automatically after an optional duration.</summary>
internal interface IFault
{
    /// <summary>Stable id for the report, e.g. "f1".</summary>
    string Id { get; }

    /// <summary>The scenario's action name, e.g. killBroker.</summary>
    string Kind { get; }

    /// <summary>What the fault acts on, resolved when it starts (e.g. "source broker 2").</summary>
    string Target { get; }

    /// <summary>
    /// Whether the fault is over once started (a restart asked over REST): it then ends at once instead of lasting until
    /// its <c>for</c> or the end of the load.
    /// </summary>
    bool Instant => false;

    /// <summary>Performs the fault.</summary>
    Task StartAsync(FaultContext context, CancellationToken cancellation);

    /// <summary>Undoes the fault (restart, resume, remove latency); a no-op for one-shot faults.</summary>
    Task RecoverAsync(FaultContext context, CancellationToken cancellation);
}
