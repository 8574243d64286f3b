namespace Harness.Broker.Security;

/// <summary>Whether an ACL allows or denies; a matching deny always wins.</summary>
public enum AclPermission : sbyte
{
    /// <summary>In filters: either.</summary>
    Any = 1,

    /// <summary>Denies the operation.</summary>
    Deny = 2,

    /// <summary>Allows the operation.</summary>
    Allow = 3,
}
