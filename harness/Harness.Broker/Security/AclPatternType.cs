namespace Harness.Broker.Security;

/// <summary>How an ACL's resource name matches (Kafka's PatternType).</summary>
public enum AclPatternType : sbyte
{
    /// <summary>In filters: any pattern type.</summary>
    Any = 1,

    /// <summary>In filters: every ACL that would apply to the given name (literal, prefixed, or the wildcard).</summary>
    Match = 2,

    /// <summary>The exact name, or <c>*</c> for every resource of the type.</summary>
    Literal = 3,

    /// <summary>Every resource whose name starts with the given one.</summary>
    Prefixed = 4,
}
