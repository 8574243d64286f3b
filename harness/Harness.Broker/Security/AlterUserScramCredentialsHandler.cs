using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>
/// AlterUserScramCredentials v0 (flexible): deletions and upsertions of SCRAM credentials, the client sending the salt
/// and salted password. Checked per user as Kafka checks them; a user with any bad change gets none applied.
/// </summary>
internal sealed class AlterUserScramCredentialsHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.AlterUserScramCredentials;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var changes = new List<ScramCredentialChange>();
        var deletions = reader.ReadArrayLength(flexible: true);
        for (var i = 0; i < deletions; i++)
        {
            changes.Add(new ScramCredentialChange(reader.ReadString(flexible: true), reader.ReadInt8(), 0, null, null));
            reader.SkipTaggedFields();
        }

        var upsertions = reader.ReadArrayLength(flexible: true);
        for (var i = 0; i < upsertions; i++)
        {
            var user = reader.ReadString(flexible: true);
            var mechanism = reader.ReadInt8();
            var iterations = reader.ReadInt32();
            var salt = reader.ReadBytes(flexible: true).ToArray();
            var salted = reader.ReadBytes(flexible: true).ToArray();
            changes.Add(new ScramCredentialChange(user, mechanism, iterations, salt, salted));
            reader.SkipTaggedFields();
        }

        reader.SkipTaggedFields();
        if (!context.IsAllowed(AclOperation.Alter, AclResourceType.Cluster, Authorizer.ClusterName))
        {
            WriteClusterRefusal(writer, changes.Select(c => c.User).Distinct(StringComparer.Ordinal).ToList());
            return ValueTask.CompletedTask;
        }

        var store = context.Security!.Cluster.Credentials;
        var users = changes.Select(c => c.User).Distinct(StringComparer.Ordinal).ToList();
        writer.WriteInt32(0);
        writer.WriteArrayLength(users.Count, flexible: true);
        foreach (var user in users)
        {
            var mine = changes.Where(c => c.User == user).ToList();
            var (error, message) = Check(mine, store);
            if (error == ErrorCode.None)
            {
                foreach (var change in mine)
                {
                    var mechanism = ScramMechanism.FromKafkaType(change.Mechanism)!;
                    if (change.IsDeletion)
                    {
                        store.Delete(mechanism, user);
                    }
                    else
                    {
                        store.Upsert(mechanism, user, mechanism.CredentialFromSaltedPassword(change.SaltedPassword!, change.Salt!, change.Iterations));
                    }
                }
            }

            writer.WriteString(user, flexible: true);
            writer.WriteInt16(error);
            writer.WriteNullableString(message, flexible: true);
            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }

    private static (ErrorCode Error, string? Message) Check(List<ScramCredentialChange> changes, CredentialStore store)
    {
        if (changes[0].User.Length == 0)
        {
            return (ErrorCode.UnacceptableCredential, "Username must not be empty");
        }

        if (changes.GroupBy(c => c.Mechanism).Any(g => g.Count() > 1))
        {
            return (ErrorCode.DuplicateResource, "A user credential cannot be altered twice in the same request");
        }

        foreach (var change in changes)
        {
            var mechanism = ScramMechanism.FromKafkaType(change.Mechanism);
            if (mechanism is null)
            {
                return (ErrorCode.UnsupportedSaslMechanism, "Unknown SCRAM mechanism");
            }

            if (change.IsDeletion)
            {
                if (store.FindScram(mechanism, change.User) is null)
                {
                    return (ErrorCode.ResourceNotFound, "Attempt to delete a user credential that does not exist");
                }
            }
            else if (change.Iterations < ScramMechanism.MinIterations)
            {
                return (ErrorCode.UnacceptableCredential, "Too few iterations");
            }
            else if (change.Iterations > ScramMechanism.MaxIterations)
            {
                return (ErrorCode.UnacceptableCredential, "Too many iterations");
            }
            else if (change.Salt!.Length == 0 || change.SaltedPassword!.Length != mechanism.HashBytes)
            {
                return (ErrorCode.UnacceptableCredential, $"The salt must not be empty and the salted password must be {mechanism.HashBytes} bytes");
            }
        }

        return (ErrorCode.None, null);
    }

    private static void WriteClusterRefusal(KafkaWriter writer, List<string> users)
    {
        writer.WriteInt32(0);
        writer.WriteArrayLength(users.Count, flexible: true);
        foreach (var user in users)
        {
            writer.WriteString(user, flexible: true);
            writer.WriteInt16(ErrorCode.ClusterAuthorizationFailed);
            writer.WriteNullableString("Cluster authorization failed.", flexible: true);
            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
    }
}
