namespace Harness.Engine.Scenarios;

/// <summary>How replicated topics are named on the target (<c>replicator.policy</c>), as MirrorMaker 2's replication policies do.</summary>
public enum ReplicationPolicyKind
{
    /// <summary><c>DefaultReplicationPolicy</c> (<c>default</c>): <c>&lt;sourceAlias&gt;.&lt;topic&gt;</c>.</summary>
    Default,

    /// <summary><c>IdentityReplicationPolicy</c> (<c>identity</c>): the same name, as a migration wants.</summary>
    Identity,
}
