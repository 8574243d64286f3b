namespace Harness.Broker.Security;

/// <summary>Kafka's ACL operations, with their wire values.</summary>
public enum AclOperation : sbyte
{
    /// <summary>In filters: any operation.</summary>
    Any = 1,

    /// <summary>Every operation.</summary>
    All = 2,

    /// <summary>Read a topic (fetch) or use a group.</summary>
    Read = 3,

    /// <summary>Write to a topic (produce).</summary>
    Write = 4,

    /// <summary>Create topics.</summary>
    Create = 5,

    /// <summary>Delete topics or groups.</summary>
    Delete = 6,

    /// <summary>Alter (ACLs and SCRAM credentials on the cluster).</summary>
    Alter = 7,

    /// <summary>Describe; implied by Read, Write, Delete and Alter.</summary>
    Describe = 8,

    /// <summary>Broker-to-broker actions.</summary>
    ClusterAction = 9,

    /// <summary>Describe configs; implied by AlterConfigs.</summary>
    DescribeConfigs = 10,

    /// <summary>Alter configs.</summary>
    AlterConfigs = 11,

    /// <summary>Idempotent produce (on the cluster).</summary>
    IdempotentWrite = 12,
}
