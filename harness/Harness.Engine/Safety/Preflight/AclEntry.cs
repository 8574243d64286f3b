namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// One ACL as DescribeAcls showed it, in Kafka's words: resource type (<c>topic</c>, <c>group</c>, ...), name, pattern
/// (<c>literal</c>, <c>prefixed</c>), principal, host, operation (READ, WRITE, ALL...) and permission (ALLOW, DENY).
/// </summary>
public sealed record AclEntry(string ResourceType, string Name, string Pattern, string Principal, string Host, string Operation, string Permission)
{
    /// <summary>Whether the entry applies to the resource of that type and name, as Kafka's authorizer matches patterns.</summary>
    public bool AppliesTo(string resourceType, string name) => ResourceType == resourceType && Pattern switch
    {
        "literal" => Name == "*" || Name == name,
        "prefixed" => name.StartsWith(Name, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The resource as a report shows it: <c>topic orders (literal)</c>.</summary>
    public string Resource => $"{ResourceType} {Name} ({Pattern})";
}
