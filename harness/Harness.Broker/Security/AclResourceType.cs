namespace Harness.Broker.Security;

/// <summary>Kafka's ACL resource types, with their wire values.</summary>
public enum AclResourceType : sbyte
{
    /// <summary>In filters: any type.</summary>
    Any = 1,

    /// <summary>A topic.</summary>
    Topic = 2,

    /// <summary>A consumer group.</summary>
    Group = 3,

    /// <summary>The cluster (name <c>kafka-cluster</c>).</summary>
    Cluster = 4,

    /// <summary>A transactional id.</summary>
    TransactionalId = 5,
}
