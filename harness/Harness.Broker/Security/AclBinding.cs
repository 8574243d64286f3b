namespace Harness.Broker.Security;

/// <summary>
/// One ACL: <paramref name="Principal"/> (<c>User:alice</c>, or <c>User:*</c>) may or may not do
/// <paramref name="Operation"/> on a resource, from <paramref name="Host"/> (<c>*</c> for any).
/// </summary>
public sealed record AclBinding(
    AclResourceType ResourceType,
    string ResourceName,
    AclPatternType PatternType,
    string Principal,
    string Host,
    AclOperation Operation,
    AclPermission Permission)
{
    /// <summary>An allow ACL for a user on a literal resource name from any host.</summary>
    public static AclBinding Allow(string user, AclOperation operation, AclResourceType type, string name, AclPatternType pattern = AclPatternType.Literal) =>
        new(type, name, pattern, $"User:{user}", "*", operation, AclPermission.Allow);

    /// <summary>True when this binding applies to a resource name (literal, the <c>*</c> wildcard, or a prefix).</summary>
    public bool AppliesTo(AclResourceType type, string name) => ResourceType == type && PatternType switch
    {
        AclPatternType.Literal => ResourceName == "*" || ResourceName == name,
        AclPatternType.Prefixed => name.StartsWith(ResourceName, StringComparison.Ordinal),
        _ => false,
    };
}
