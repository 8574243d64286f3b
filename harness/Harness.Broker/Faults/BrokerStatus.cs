namespace Harness.Broker.Faults;

/// <summary>What a logical broker is doing.</summary>
public enum BrokerStatus
{
    /// <summary>Listening and answering.</summary>
    Up,

    /// <summary>Killed: listener closed, connections reset, leadership moved away.</summary>
    Down,

    /// <summary>Accepting connections and reading requests, but answering none until resumed.</summary>
    Hung,
}
