using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>
/// DescribeUserScramCredentials v0 (flexible): the mechanisms and iterations of each user's SCRAM credentials, never
/// the salts or keys. No names (null or empty) describes every user; an unknown name is RESOURCE_NOT_FOUND, as in Kafka.
/// </summary>
internal sealed class DescribeUserScramCredentialsHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.DescribeUserScramCredentials;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var names = new List<string>();
        var count = reader.ReadArrayLength(flexible: true);
        for (var i = 0; i < count; i++)
        {
            names.Add(reader.ReadString(flexible: true));
            reader.SkipTaggedFields();
        }

        reader.SkipTaggedFields();
        if (!context.IsAllowed(AclOperation.Describe, AclResourceType.Cluster, Authorizer.ClusterName))
        {
            WriteClusterRefusal(writer);
            return ValueTask.CompletedTask;
        }

        var users = context.Security!.Cluster.Credentials.ScramUsers();
        var described = names.Count == 0 ? users.Keys.ToList() : names;
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        writer.WriteInt32(0);
        writer.WriteInt16(ErrorCode.None);
        writer.WriteNullableString(null, flexible: true);
        writer.WriteArrayLength(described.Count, flexible: true);
        foreach (var name in described)
        {
            writer.WriteString(name, flexible: true);
            if (duplicates.Contains(name))
            {
                WriteError(writer, ErrorCode.DuplicateResource, "Cannot describe SCRAM credentials for the same user twice in a single request");
            }
            else if (!users.TryGetValue(name, out var credentials))
            {
                WriteError(writer, ErrorCode.ResourceNotFound, "Attempt to describe a user credential that does not exist");
            }
            else
            {
                writer.WriteInt16(ErrorCode.None);
                writer.WriteNullableString(null, flexible: true);
                writer.WriteArrayLength(credentials.Count, flexible: true);
                foreach (var (mechanism, iterations) in credentials)
                {
                    writer.WriteInt8(mechanism.KafkaType);
                    writer.WriteInt32(iterations);
                    writer.WriteEmptyTaggedFields();
                }
            }

            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }

    private static void WriteError(KafkaWriter writer, ErrorCode error, string message)
    {
        writer.WriteInt16(error);
        writer.WriteNullableString(message, flexible: true);
        writer.WriteArrayLength(0, flexible: true);
    }

    private static void WriteClusterRefusal(KafkaWriter writer)
    {
        writer.WriteInt32(0);
        writer.WriteInt16(ErrorCode.ClusterAuthorizationFailed);
        writer.WriteNullableString("Cluster authorization failed.", flexible: true);
        writer.WriteArrayLength(0, flexible: true);
        writer.WriteEmptyTaggedFields();
    }
}
