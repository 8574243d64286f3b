namespace Harness.Engine.Scenarios;

/// <summary>Which acknowledgement a producer waits for (<c>producer.acks</c>).</summary>
public enum AcksMode
{
    /// <summary>All in-sync replicas (<c>all</c> or <c>-1</c>), the default: nothing acknowledged is lost to a single broker failure.</summary>
    All,

    /// <summary>The partition leader only (<c>1</c> or <c>leader</c>).</summary>
    Leader,

    /// <summary>No acknowledgement (<c>0</c> or <c>none</c>): the ledger cannot tell sent from stored.</summary>
    None,
}
