using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// AlterConfigs v0-v1: a topic's explicit configs are replaced by the given set (validate_only checks only).
/// Broker configs come from the cluster's options and are refused.
/// </summary>
internal sealed class AlterConfigsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.AlterConfigs;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var count = reader.ReadArrayLength();
        var resources = new List<(sbyte Type, string Name, List<KeyValuePair<string, string?>> Configs)>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadInt8();
            var name = reader.ReadString();
            var configCount = reader.ReadArrayLength();
            var configs = new List<KeyValuePair<string, string?>>(Math.Max(configCount, 0));
            for (var c = 0; c < configCount; c++)
            {
                var key = reader.ReadString();
                configs.Add(new KeyValuePair<string, string?>(key, reader.ReadNullableString()));
            }

            resources.Add((type, name, configs));
        }

        var validateOnly = reader.ReadBool();
        var results = resources
            .Select(r => new ConfigResourceResult(Alter(context, r.Type, r.Name, r.Configs, validateOnly), r.Type, r.Name))
            .ToList();
        ConfigResourceResult.WriteAll(writer, results);
        return ValueTask.CompletedTask;
    }

    private static AdminError Alter(RequestContext context, sbyte type, string name, List<KeyValuePair<string, string?>> configs, bool validateOnly)
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
                return topic is null ? error : TopicConfigEditor.Replace(context.Cluster, topic, configs, validateOnly);
            case ConfigResourceType.Broker:
                return BrokerConfigRefusal.Check(context, name, configs.Select(c => c.Key));
            default:
                return ConfigResources.Unsupported(type);
        }
    }
}
