using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeConfigs v0-v3 for topics and brokers: value, read-only, default (v0) or source (v1+), sensitivity,
/// synonyms when asked (v1+), and type and documentation (v3).
/// </summary>
internal sealed class DescribeConfigsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeConfigs;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var count = reader.ReadArrayLength();
        var resources = new List<(sbyte Type, string Name, HashSet<string>? Keys)>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadInt8();
            var name = reader.ReadString();
            var keyCount = reader.ReadArrayLength();
            HashSet<string>? keys = keyCount < 0 ? null : new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < keyCount; k++)
            {
                keys!.Add(reader.ReadString());
            }

            resources.Add((type, name, keys));
        }

        var includeSynonyms = version >= 1 && reader.ReadBool();
        var includeDocumentation = version >= 3 && reader.ReadBool();

        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArrayLength(resources.Count);
        foreach (var (type, name, keys) in resources)
        {
            var error = Describe(context, type, name, keys, includeSynonyms, includeDocumentation, out var entries);
            writer.WriteInt16(error.Code);
            writer.WriteNullableString(error.Message);
            writer.WriteInt8(type);
            writer.WriteString(name);
            writer.WriteArrayLength(entries.Count);
            foreach (var entry in entries)
            {
                WriteEntry(writer, version, entry);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static AdminError Describe(RequestContext context, sbyte type, string name, HashSet<string>? keys, bool includeSynonyms,
        bool includeDocumentation, out List<ConfigEntry> entries)
    {
        entries = [];
        if (context.InjectedError != ErrorCode.None)
        {
            return AdminError.Injected(context.InjectedError);
        }

        if (ConfigResources.Authorize(context, type, name, AclOperation.DescribeConfigs) is { IsError: true } refused)
        {
            return refused;
        }

        AdminError error;
        switch ((ConfigResourceType)type)
        {
            case ConfigResourceType.Topic:
                error = ConfigResources.FindTopic(context.Cluster, name, out var topic);
                if (topic is not null)
                {
                    entries = [.. ConfigDescriber.Topic(topic, keys, includeSynonyms)];
                }

                return error;
            case ConfigResourceType.Broker:
                error = ConfigResources.CheckBroker(context, name, out var clusterDefault);
                if (!error.IsError && !clusterDefault)
                {
                    entries = [.. ConfigDescriber.Broker(context.Broker, keys, includeSynonyms, includeDocumentation)];
                }

                return error;
            default:
                return ConfigResources.Unsupported(type);
        }
    }

    private static void WriteEntry(KafkaWriter writer, short version, ConfigEntry entry)
    {
        writer.WriteString(entry.Name);
        writer.WriteNullableString(entry.Value);
        writer.WriteBool(entry.ReadOnly);
        if (version == 0)
        {
            writer.WriteBool(entry.IsDefault);
        }
        else
        {
            writer.WriteInt8((sbyte)entry.Source);
        }

        writer.WriteBool(entry.Sensitive);
        if (version >= 1)
        {
            writer.WriteArrayLength(entry.Synonyms.Count);
            foreach (var synonym in entry.Synonyms)
            {
                writer.WriteString(synonym.Name);
                writer.WriteNullableString(synonym.Value);
                writer.WriteInt8((sbyte)synonym.Source);
            }
        }

        if (version >= 3)
        {
            writer.WriteInt8((sbyte)entry.Type);
            writer.WriteNullableString(entry.Documentation);
        }
    }
}
