using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>The ACL fields shared by CreateAcls, DeleteAcls and DescribeAcls (pattern type from v1, flexible from v2).</summary>
internal static class AclCodec
{
    public static AclBinding ReadBinding(KafkaReader reader, short version, bool flexible)
    {
        var type = (AclResourceType)reader.ReadInt8();
        var name = reader.ReadString(flexible);
        var pattern = version >= 1 ? (AclPatternType)reader.ReadInt8() : AclPatternType.Literal;
        var principal = reader.ReadString(flexible);
        var host = reader.ReadString(flexible);
        var operation = (AclOperation)reader.ReadInt8();
        var permission = (AclPermission)reader.ReadInt8();
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        return new AclBinding(type, name, pattern, principal, host, operation, permission);
    }

    public static AclFilter ReadFilter(KafkaReader reader, short version, bool flexible, bool skipTaggedFields = true)
    {
        var type = (AclResourceType)reader.ReadInt8();
        var name = reader.ReadNullableString(flexible);
        var pattern = version >= 1 ? (AclPatternType)reader.ReadInt8() : AclPatternType.Literal;
        var principal = reader.ReadNullableString(flexible);
        var host = reader.ReadNullableString(flexible);
        var operation = (AclOperation)reader.ReadInt8();
        var permission = (AclPermission)reader.ReadInt8();
        if (flexible && skipTaggedFields)
        {
            reader.SkipTaggedFields();
        }

        return new AclFilter(type, name, pattern, principal, host, operation, permission);
    }

    /// <summary>
    /// Writes the entry fields DescribeAcls and DeleteAcls responses share after the resource: principal, host,
    /// operation, permission (and the entry's tagged fields when flexible).
    /// </summary>
    public static void WriteEntry(KafkaWriter writer, AclBinding acl, bool flexible)
    {
        writer.WriteString(acl.Principal, flexible);
        writer.WriteString(acl.Host, flexible);
        writer.WriteInt8((sbyte)acl.Operation);
        writer.WriteInt8((sbyte)acl.Permission);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }
    }

    /// <summary>A concrete binding must name a known type, pattern, operation and permission (no Any/Match).</summary>
    public static string? Invalid(AclBinding acl) =>
        acl.ResourceType is < AclResourceType.Topic or > AclResourceType.TransactionalId ? "Invalid resource type"
        : acl.PatternType is not (AclPatternType.Literal or AclPatternType.Prefixed) ? "Invalid pattern type"
        : acl.Operation is < AclOperation.All or > AclOperation.IdempotentWrite ? "Invalid operation"
        : acl.Permission is not (AclPermission.Allow or AclPermission.Deny) ? "Invalid permission type"
        : !acl.Principal.StartsWith("User:", StringComparison.Ordinal) ? "Principal must be User:NAME"
        : acl.ResourceName.Length == 0 ? "Resource name must not be empty"
        : null;
}
