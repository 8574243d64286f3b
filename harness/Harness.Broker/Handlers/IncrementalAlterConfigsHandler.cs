using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// IncrementalAlterConfigs v0: SET, DELETE, and APPEND / SUBTRACT on list configs, applied to a topic all or
/// nothing (validate_only checks only). Broker configs are refused, as in AlterConfigs.
/// </summary>
internal sealed class IncrementalAlterConfigsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.IncrementalAlterConfigs;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var count = reader.ReadArrayLength();
        var resources = new List<(sbyte Type, string Name, List<ConfigAlteration> Alterations)>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadInt8();
            var name = reader.ReadString();
            var configCount = reader.ReadArrayLength();
            var alterations = new List<ConfigAlteration>(Math.Max(configCount, 0));
            for (var c = 0; c < configCount; c++)
            {
                var key = reader.ReadString();
                var operation = (AlterConfigOperation)reader.ReadInt8();
                alterations.Add(new ConfigAlteration(key, operation, reader.ReadNullableString()));
            }

            resources.Add((type, name, alterations));
        }

        var validateOnly = reader.ReadBool();
        var results = resources
            .Select(r => new ConfigResourceResult(Alter(context, r.Type, r.Name, r.Alterations, validateOnly), r.Type, r.Name))
            .ToList();
        ConfigResourceResult.WriteAll(writer, results);
        return ValueTask.CompletedTask;
    }

    private static AdminError Alter(RequestContext context, sbyte type, string name, List<ConfigAlteration> alterations, bool validateOnly)
    {
        if (context.InjectedError != ErrorCode.None)
        {
            return AdminError.Injected(context.InjectedError);
        }

        if (ConfigResources.Authorize(context, type, name, AclOperation.AlterConfigs) is { IsError: true } refused)
        {
            return refused;
        }

        switch ((ConfigResourceType)type)
        {
            case ConfigResourceType.Topic:
                var error = ConfigResources.FindTopic(context.Cluster, name, out var topic);
                return topic is null ? error : TopicConfigEditor.Apply(context.Cluster, topic, alterations, validateOnly);
            case ConfigResourceType.Broker:
                return BrokerConfigRefusal.Check(context, name, alterations.Select(a => a.Name));
            default:
                return ConfigResources.Unsupported(type);
        }
    }
}
