using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>SyncGroup v0-v3 (v4 is flexible): followers wait here until the leader sends the assignment.</summary>
internal sealed class SyncGroupHandler : IApiHandler
{
    public ApiKey Key => ApiKey.SyncGroup;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => short.MaxValue;

    public async ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        var groupInstanceId = context.Version >= 3 ? reader.ReadNullableString() : null;
        var count = reader.ReadArrayLength();
        var assignments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            assignments[id] = reader.ReadBytes().ToArray();
        }

        var error = GroupRequestGuard.Check(context, groupId);
        var result = error != ErrorCode.None
            ? SyncResult.Failed(error)
            : await context.Cluster.Groups.SyncAsync(groupId, generationId, memberId, groupInstanceId, assignments).WaitAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(result.Error);
        writer.WriteBytes(result.Assignment);
    }
}
