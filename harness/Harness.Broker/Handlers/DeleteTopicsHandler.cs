using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>DeleteTopics v0-v3 by name; deletion completes before the answer, so the timeout never matters.</summary>
internal sealed class DeleteTopicsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteTopics;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var count = reader.ReadArrayLength();
        var names = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            names.Add(reader.ReadString());
        }

        reader.ReadInt32(); // timeout_ms
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var controller = ControllerRequirement.Check(context);
        var results = new List<(string Name, ErrorCode Error)>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var error = context.InjectedError != ErrorCode.None ? context.InjectedError
                : controller.IsError ? controller.Code
                : duplicates.Contains(name) ? ErrorCode.InvalidRequest
                : !context.IsAllowed(AclOperation.Delete, AclResourceType.Topic, name) ? ErrorCode.TopicAuthorizationFailed
                : context.Cluster.DeleteTopic(name);
            results.Add((name, error));
        }

        if (context.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }

        writer.WriteArrayLength(results.Count);
        foreach (var (name, error) in results)
        {
            writer.WriteString(name);
            writer.WriteInt16(error);
        }

        return ValueTask.CompletedTask;
    }
}
