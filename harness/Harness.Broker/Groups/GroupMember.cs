using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>One member of a group. Only touched under the coordinator's lock.</summary>
internal sealed class GroupMember
{
    public GroupMember(string memberId, JoinRequest request)
    {
        MemberId = memberId;
        GroupInstanceId = request.GroupInstanceId;
        Update(request);
    }

    public string MemberId { get; }

    public string? GroupInstanceId { get; }

    public string ClientId { get; private set; } = "";

    public string ClientHost { get; private set; } = "";

    public int SessionTimeoutMs { get; private set; }

    public int RebalanceTimeoutMs { get; private set; }

    public string ProtocolType { get; private set; } = "";

    public IReadOnlyList<GroupProtocol> Protocols { get; private set; } = [];

    /// <summary>The assignment the leader gave this member for the current generation.</summary>
    public byte[] Assignment { get; set; } = [];

    /// <summary>Set while the member's JoinGroup waits for the rebalance to complete.</summary>
    public TaskCompletionSource<JoinResult>? PendingJoin { get; set; }

    /// <summary>Set while the member's SyncGroup waits for the leader's assignment.</summary>
    public TaskCompletionSource<SyncResult>? PendingSync { get; set; }

    public long SessionDeadlineMs { get; private set; }

    /// <summary>
    /// A member waiting on a join or sync is kept alive, as in Kafka: its deadline is the rebalance, not its
    /// session, because a client waiting for an answer cannot heartbeat on that connection.
    /// </summary>
    public bool IsAwaiting => PendingJoin is not null || PendingSync is not null;

    public void Update(JoinRequest request)
    {
        ClientId = request.ClientId;
        ClientHost = request.ClientHost;
        SessionTimeoutMs = request.SessionTimeoutMs;
        RebalanceTimeoutMs = request.RebalanceTimeoutMs;
        ProtocolType = request.ProtocolType;
        Protocols = request.Protocols;
    }

    public void Touch(long nowMs) => SessionDeadlineMs = nowMs + SessionTimeoutMs;

    public byte[] MetadataFor(string protocol) => Protocols.FirstOrDefault(p => p.Name == protocol)?.Metadata ?? [];

    public bool Supports(string protocol) => Protocols.Any(p => p.Name == protocol);

    public bool SameProtocols(IReadOnlyList<GroupProtocol> other) =>
        other.Count == Protocols.Count
        && other.Zip(Protocols).All(pair => pair.First.Name == pair.Second.Name && pair.First.Metadata.AsSpan().SequenceEqual(pair.Second.Metadata));

    /// <summary>Answers a waiting JoinGroup and/or SyncGroup with an error, e.g. when the member is removed.</summary>
    public void FailPending(ErrorCode error)
    {
        PendingJoin?.TrySetResult(JoinResult.Failed(error, MemberId));
        PendingJoin = null;
        PendingSync?.TrySetResult(SyncResult.Failed(error));
        PendingSync = null;
    }
}
