using Harness.Broker.Protocol;
using Harness.Testing;

namespace Harness.Broker.Tests.Groups;

/// <summary>Encodes and decodes the group requests the wire tests send (JoinGroup v5, SyncGroup v3, Heartbeat v3, ...).</summary>
internal static class GroupWire
{
    /// <summary>A consumer protocol subscription (v0) to <paramref name="topics"/>.</summary>
    public static byte[] Subscription(params string[] topics)
    {
        var writer = new KafkaWriter();
        writer.WriteInt16((short)0);
        writer.WriteArrayLength(topics.Length);
        foreach (var topic in topics)
        {
            writer.WriteString(topic);
        }

        writer.WriteNullableBytes([], isNull: true);
        return writer.Complete().SelectMany(s => s).Skip(4).ToArray();
    }

    public static async Task<WireJoinResponse> JoinAsync(KafkaWireClient client, string groupId, string memberId, string? instanceId = null,
        int sessionTimeoutMs = 10_000, int rebalanceTimeoutMs = 30_000, params (string Name, byte[] Metadata)[] protocols)
    {
        if (protocols.Length == 0)
        {
            protocols = [("range", Subscription("t"))];
        }

        var reader = await client.SendAsync(ApiKey.JoinGroup, 5, w =>
        {
            w.WriteString(groupId);
            w.WriteInt32(sessionTimeoutMs);
            w.WriteInt32(rebalanceTimeoutMs);
            w.WriteString(memberId);
            w.WriteNullableString(instanceId);
            w.WriteString("consumer");
            w.WriteArrayLength(protocols.Length);
            foreach (var (name, metadata) in protocols)
            {
                w.WriteString(name);
                w.WriteBytes(metadata);
            }
        });
        reader.ReadInt32();
        var error = reader.ReadInt16();
        var generation = reader.ReadInt32();
        var protocol = reader.ReadString();
        var leader = reader.ReadString();
        var member = reader.ReadString();
        var count = reader.ReadArrayLength();
        var members = new List<WireJoinedMember>();
        for (var i = 0; i < count; i++)
        {
            members.Add(new WireJoinedMember(reader.ReadString(), reader.ReadNullableString(), reader.ReadBytes().ToArray()));
        }

        return new WireJoinResponse(error, generation, protocol, leader, member, members);
    }

    /// <summary>Joins as a new dynamic member: first MEMBER_ID_REQUIRED, then the join with the given id.</summary>
    public static async Task<WireJoinResponse> JoinNewAsync(KafkaWireClient client, string groupId, int sessionTimeoutMs = 10_000, int rebalanceTimeoutMs = 30_000)
    {
        var first = await JoinAsync(client, groupId, "", sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs);
        first.Error.Should().Be((short)ErrorCode.MemberIdRequired);
        return await JoinAsync(client, groupId, first.MemberId, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs);
    }

    public static async Task<(short Error, byte[] Assignment)> SyncAsync(KafkaWireClient client, string groupId, int generation, string memberId,
        string? instanceId = null, IReadOnlyDictionary<string, byte[]>? assignments = null)
    {
        var reader = await client.SendAsync(ApiKey.SyncGroup, 3, w =>
        {
            w.WriteString(groupId);
            w.WriteInt32(generation);
            w.WriteString(memberId);
            w.WriteNullableString(instanceId);
            w.WriteArrayLength(assignments?.Count ?? 0);
            foreach (var (id, assignment) in assignments ?? new Dictionary<string, byte[]>())
            {
                w.WriteString(id);
                w.WriteBytes(assignment);
            }
        });
        reader.ReadInt32();
        return (reader.ReadInt16(), reader.ReadBytes().ToArray());
    }

    public static async Task<ErrorCode> HeartbeatAsync(KafkaWireClient client, string groupId, int generation, string memberId, string? instanceId = null)
    {
        var reader = await client.SendAsync(ApiKey.Heartbeat, 3, w =>
        {
            w.WriteString(groupId);
            w.WriteInt32(generation);
            w.WriteString(memberId);
            w.WriteNullableString(instanceId);
        });
        reader.ReadInt32();
        return (ErrorCode)reader.ReadInt16();
    }

    public static async Task<(ErrorCode Error, IReadOnlyList<ErrorCode> Members)> LeaveAsync(KafkaWireClient client, string groupId, params (string MemberId, string? InstanceId)[] members)
    {
        var reader = await client.SendAsync(ApiKey.LeaveGroup, 3, w =>
        {
            w.WriteString(groupId);
            w.WriteArrayLength(members.Length);
            foreach (var (memberId, instanceId) in members)
            {
                w.WriteString(memberId);
                w.WriteNullableString(instanceId);
            }
        });
        reader.ReadInt32();
        var error = (ErrorCode)reader.ReadInt16();
        var count = reader.ReadArrayLength();
        var errors = new List<ErrorCode>();
        for (var i = 0; i < count; i++)
        {
            reader.ReadString();
            reader.ReadNullableString();
            errors.Add((ErrorCode)reader.ReadInt16());
        }

        return (error, errors);
    }

    /// <summary>OffsetCommit v7 of one partition of topic "t"; returns the partition's error.</summary>
    public static async Task<ErrorCode> CommitAsync(KafkaWireClient client, string groupId, int generation, string memberId, int partition, long offset,
        int leaderEpoch = -1, string? metadata = null)
    {
        var reader = await client.SendAsync(ApiKey.OffsetCommit, 7, w =>
        {
            w.WriteString(groupId);
            w.WriteInt32(generation);
            w.WriteString(memberId);
            w.WriteNullableString(null);
            w.WriteArrayLength(1);
            w.WriteString("t");
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteInt64(offset);
            w.WriteInt32(leaderEpoch);
            w.WriteNullableString(metadata);
        });
        reader.ReadInt32();
        reader.ReadArrayLength();
        reader.ReadString();
        reader.ReadArrayLength();
        reader.ReadInt32();
        return (ErrorCode)reader.ReadInt16();
    }

    /// <summary>OffsetFetch v5; null partitions asks for every committed offset of the group.</summary>
    public static async Task<(ErrorCode Error, IReadOnlyList<(string Topic, int Partition, long Offset, int LeaderEpoch, string? Metadata, ErrorCode Error)> Partitions)> FetchOffsetsAsync(
        KafkaWireClient client, string groupId, int[]? partitions)
    {
        var reader = await client.SendAsync(ApiKey.OffsetFetch, 5, w =>
        {
            w.WriteString(groupId);
            if (partitions is null)
            {
                w.WriteArrayLength(-1);
                return;
            }

            w.WriteArrayLength(1);
            w.WriteString("t");
            w.WriteArrayLength(partitions.Length);
            foreach (var p in partitions)
            {
                w.WriteInt32(p);
            }
        });
        reader.ReadInt32();
        var result = new List<(string, int, long, int, string?, ErrorCode)>();
        var topics = reader.ReadArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.ReadString();
            var count = reader.ReadArrayLength();
            for (var p = 0; p < count; p++)
            {
                result.Add((topic, reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadNullableString(), (ErrorCode)reader.ReadInt16()));
            }
        }

        return ((ErrorCode)reader.ReadInt16(), result);
    }

    /// <summary>DescribeGroups v4 of one group: (error, state, protocol, member ids).</summary>
    public static async Task<(ErrorCode Error, string State, string Protocol, IReadOnlyList<string> Members)> DescribeAsync(KafkaWireClient client, string groupId)
    {
        var reader = await client.SendAsync(ApiKey.DescribeGroups, 4, w =>
        {
            w.WriteArrayLength(1);
            w.WriteString(groupId);
            w.WriteBool(false);
        });
        reader.ReadInt32();
        reader.ReadArrayLength();
        var error = (ErrorCode)reader.ReadInt16();
        reader.ReadString();
        var state = reader.ReadString();
        reader.ReadString();
        var protocol = reader.ReadString();
        var count = reader.ReadArrayLength();
        var members = new List<string>();
        for (var i = 0; i < count; i++)
        {
            members.Add(reader.ReadString());
            reader.ReadNullableString();
            reader.ReadString();
            reader.ReadString();
            reader.ReadBytes();
            reader.ReadBytes();
        }

        return (error, state, protocol, members);
    }

    /// <summary>The broker coordinating <paramref name="groupId"/>, by FindCoordinator v1.</summary>
    public static async Task<int> FindCoordinatorAsync(KafkaWireClient client, string groupId)
    {
        var reader = await client.SendAsync(ApiKey.FindCoordinator, 1, w =>
        {
            w.WriteString(groupId);
            w.WriteInt8(0);
        });
        reader.ReadInt32();
        reader.ReadInt16().Should().Be(0);
        reader.ReadNullableString();
        return reader.ReadInt32();
    }
}
