namespace Harness.Broker.Security;

/// <summary>A DescribeAcls or DeleteAcls filter: null strings and the Any values match everything.</summary>
internal sealed record AclFilter(AclResourceType ResourceType, string? ResourceName, AclPatternType PatternType, string? Principal, string? Host,
    AclOperation Operation, AclPermission Permission)
{
    public bool Matches(AclBinding acl)
    {
        if (ResourceType != AclResourceType.Any && acl.ResourceType != ResourceType)
        {
            return false;
        }

        var nameMatches = PatternType switch
        {
            AclPatternType.Any => ResourceName is null || acl.ResourceName == ResourceName,
            AclPatternType.Match => ResourceName is null || acl.AppliesTo(acl.ResourceType, ResourceName),
            _ => acl.PatternType == PatternType && (ResourceName is null || acl.ResourceName == ResourceName),
        };
        return nameMatches
            && (Principal is null || acl.Principal == Principal)
            && (Host is null || acl.Host == Host)
            && (Operation == AclOperation.Any || acl.Operation == Operation)
            && (Permission == AclPermission.Any || acl.Permission == Permission);
    }
}
