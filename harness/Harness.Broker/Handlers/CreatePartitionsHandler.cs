using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// CreatePartitions v0-v1: grows topics, with optional replica assignments for the new partitions and validate_only;
/// each topic needs ALTER.
/// </summary>
internal sealed class CreatePartitionsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.CreatePartitions;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var count = reader.ReadArrayLength();
        var topics = new List<(string Name, int Count, List<int[]>? Assignments)>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var total = reader.ReadInt32();
            var assignmentCount = reader.ReadArrayLength();
            List<int[]>? assignments = assignmentCount < 0 ? null : new List<int[]>(assignmentCount);
            for (var a = 0; a < assignmentCount; a++)
            {
                var brokerCount = reader.ReadArrayLength();
                var brokers = new int[Math.Max(brokerCount, 0)];
                for (var b = 0; b < brokers.Length; b++)
                {
                    brokers[b] = reader.ReadInt32();
                }

                assignments!.Add(brokers);
            }

            topics.Add((name, total, assignments));
        }

        reader.ReadInt32(); // timeout_ms
        var validateOnly = reader.ReadBool();
        var duplicates = topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var controller = ControllerRequirement.Check(context);
        var results = new List<(string Name, AdminError Error)>();
        foreach (var (name, total, assignments) in topics.DistinctBy(t => t.Name, StringComparer.Ordinal))
        {
            var error = context.InjectedError != ErrorCode.None ? AdminError.Injected(context.InjectedError)
                : controller.IsError ? controller
                : duplicates.Contains(name) ? new AdminError(ErrorCode.InvalidRequest, $"Duplicate topic in request: {name}")
                : !context.IsAllowed(AclOperation.Alter, AclResourceType.Topic, name) ? new AdminError(ErrorCode.TopicAuthorizationFailed, "The topic authorization is failed.")
                : PartitionAdder.Add(context.Cluster, name, total, assignments, validateOnly);
            results.Add((name, error));
        }

        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArrayLength(results.Count);
        foreach (var (name, error) in results)
        {
            writer.WriteString(name);
            writer.WriteInt16(error.Code);
            writer.WriteNullableString(error.Message);
        }

        return ValueTask.CompletedTask;
    }
}
