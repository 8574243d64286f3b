using System.Text;
using Confluent.Kafka.Admin;

namespace Harness.Engine.Safety.Preflight;

/// <summary>Confluent.Kafka's ACL enums in the words Kafka's tools and docs use (READ, IDEMPOTENT_WRITE, topic, prefixed).</summary>
public static class KafkaNames
{
    /// <summary>IdempotentWrite → IDEMPOTENT_WRITE.</summary>
    public static string Operation(AclOperation operation)
    {
        var text = new StringBuilder();
        foreach (var c in operation.ToString())
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>Topic → topic.</summary>
    public static string Resource(ResourceType type) => type.ToString().ToLowerInvariant();

    /// <summary>Prefixed → prefixed.</summary>
    public static string Pattern(ResourcePatternType pattern) => pattern.ToString().ToLowerInvariant();

    /// <summary>Allow → ALLOW.</summary>
    public static string Permission(AclPermissionType permission) => permission.ToString().ToUpperInvariant();

    /// <summary>An ACL binding as an <see cref="AclEntry"/>.</summary>
    public static AclEntry Entry(AclBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return new AclEntry(Resource(binding.Pattern.Type), binding.Pattern.Name, Pattern(binding.Pattern.ResourcePatternType), binding.Entry.Principal,
            binding.Entry.Host, Operation(binding.Entry.Operation), Permission(binding.Entry.PermissionType));
    }
}
