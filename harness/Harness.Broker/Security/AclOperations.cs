namespace Harness.Broker.Security;

/// <summary>The operations Kafka's ACLs support per resource type (Kafka's AclEntry.supportedOperations).</summary>
internal static class AclOperations
{
    private static readonly AclOperation[] Topic =
    [
        AclOperation.Read, AclOperation.Write, AclOperation.Create, AclOperation.Describe, AclOperation.Delete, AclOperation.Alter,
        AclOperation.DescribeConfigs, AclOperation.AlterConfigs,
    ];

    private static readonly AclOperation[] Group = [AclOperation.Read, AclOperation.Describe, AclOperation.Delete];

    private static readonly AclOperation[] Cluster =
    [
        AclOperation.Create, AclOperation.ClusterAction, AclOperation.DescribeConfigs, AclOperation.AlterConfigs, AclOperation.IdempotentWrite,
        AclOperation.Alter, AclOperation.Describe,
    ];

    private static readonly AclOperation[] TransactionalId = [AclOperation.Describe, AclOperation.Write];

    /// <summary>The operations an ACL on <paramref name="type"/> can grant.</summary>
    public static IReadOnlyList<AclOperation> Supported(AclResourceType type) => type switch
    {
        AclResourceType.Topic => Topic,
        AclResourceType.Group => Group,
        AclResourceType.Cluster => Cluster,
        AclResourceType.TransactionalId => TransactionalId,
        _ => [],
    };

    /// <summary>The bit field of every supported operation: what Kafka answers when no authorizer is configured.</summary>
    public static int All(AclResourceType type) => Supported(type).Aggregate(0, (bits, operation) => bits | (1 << (int)operation));
}
