namespace Harness.Broker.Security;

/// <summary>
/// Kafka's ACL authorizer in small: super users may do everything; otherwise a matching DENY refuses, a matching
/// ALLOW (or ALL) permits, and with no match the answer is no (allow.everyone.if.no.acl.found=false). READ, WRITE,
/// DELETE and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS. Safe for concurrent use.
/// </summary>
internal sealed class Authorizer
{
    /// <summary>The name of the one cluster resource, as Kafka spells it.</summary>
    public const string ClusterName = "kafka-cluster";

    private readonly Lock _lock = new();
    private readonly HashSet<string> _superUsers;
    private List<AclBinding> _acls;

    public Authorizer(BrokerSecurity options)
    {
        _superUsers = options.SuperUsers.ToHashSet(StringComparer.Ordinal);
        _acls = options.Acls.Distinct().ToList();
    }

    public bool IsAllowed(string user, string host, AclOperation operation, AclResourceType type, string name)
    {
        if (_superUsers.Contains(user))
        {
            return true;
        }

        var principal = $"User:{user}";
        var acls = Volatile.Read(ref _acls);
        var allowed = false;
        foreach (var acl in acls)
        {
            if ((acl.Principal != principal && acl.Principal != "User:*") || (acl.Host != "*" && acl.Host != host) || !acl.AppliesTo(type, name))
            {
                continue;
            }

            if (acl.Permission == AclPermission.Deny && (acl.Operation == operation || acl.Operation == AclOperation.All))
            {
                return false;
            }

            allowed |= acl.Permission == AclPermission.Allow && Covers(acl.Operation, operation);
        }

        return allowed;
    }

    /// <summary>
    /// Kafka's authorized-operations bit field (bit n for operation code n) over the operations <paramref name="type"/>
    /// supports: what Metadata and DescribeCluster answer when asked, so a client can probe its rights without trying.
    /// </summary>
    public int AuthorizedOperations(string user, string host, AclResourceType type, string name)
    {
        var bits = 0;
        foreach (var operation in AclOperations.Supported(type))
        {
            if (IsAllowed(user, host, operation, type, name))
            {
                bits |= 1 << (int)operation;
            }
        }

        return bits;
    }

    /// <summary>
    /// Whether some topic ACL lets <paramref name="user"/> do <paramref name="operation"/> (Kafka's authorizeByResourceType):
    /// since Kafka 3.0 WRITE on any topic is enough for an idempotent producer. A DENY on every topic (<c>*</c>) wins.
    /// </summary>
    public bool IsAllowedOnAnyTopic(string user, string host, AclOperation operation)
    {
        if (_superUsers.Contains(user))
        {
            return true;
        }

        var principal = $"User:{user}";
        var allowed = false;
        foreach (var acl in Volatile.Read(ref _acls))
        {
            if (acl.ResourceType != AclResourceType.Topic || (acl.Principal != principal && acl.Principal != "User:*") || (acl.Host != "*" && acl.Host != host)
                || (acl.Operation != operation && acl.Operation != AclOperation.All))
            {
                continue;
            }

            if (acl.Permission == AclPermission.Deny && acl.PatternType == AclPatternType.Literal && acl.ResourceName == "*")
            {
                return false;
            }

            allowed |= acl.Permission == AclPermission.Allow;
        }

        return allowed;
    }

    public IReadOnlyList<AclBinding> Snapshot() => Volatile.Read(ref _acls);

    public void Add(AclBinding acl)
    {
        lock (_lock)
        {
            if (!_acls.Contains(acl))
            {
                _acls = [.. _acls, acl];
            }
        }
    }

    public List<AclBinding> Remove(AclFilter filter)
    {
        lock (_lock)
        {
            var removed = _acls.Where(filter.Matches).ToList();
            _acls = _acls.Where(a => !filter.Matches(a)).ToList();
            return removed;
        }
    }

    private static bool Covers(AclOperation granted, AclOperation wanted) =>
        granted == wanted || granted == AclOperation.All
        || (wanted == AclOperation.Describe && granted is AclOperation.Read or AclOperation.Write or AclOperation.Delete or AclOperation.Alter)
        || (wanted == AclOperation.DescribeConfigs && granted == AclOperation.AlterConfigs);
}
