using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>
/// One classic group: members, the rebalance state machine and committed offsets. Follows Kafka's
/// GroupMetadata/GroupCoordinator transitions. Every method runs under the coordinator's lock; waiting
/// requests are answered by completing their task sources (which run continuations asynchronously).
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly List<GroupMember> _members = [];

    public ConsumerGroup(string groupId) => GroupId = groupId;

    public string GroupId { get; }

    public GroupState State { get; private set; } = GroupState.Empty;

    /// <summary>Kept once set, so an Empty consumer group is still listed as "consumer" like in Kafka.</summary>
    public string ProtocolType { get; private set; } = "";

    public string Protocol { get; private set; } = "";

    public int GenerationId { get; private set; }

    public string? LeaderId { get; private set; }

    public long RebalanceDeadlineMs { get; private set; }

    public IReadOnlyList<GroupMember> Members => _members;

    /// <summary>Member ids handed out with MEMBER_ID_REQUIRED, with the time they expire unless the member rejoins.</summary>
    public Dictionary<string, long> PendingMembers { get; } = new(StringComparer.Ordinal);

    public Dictionary<TopicPartitionKey, CommittedOffset> Offsets { get; } = [];

    /// <summary>Offsets committed inside open transactions, by producer id: the group sees them only once the transaction commits.</summary>
    public Dictionary<long, Dictionary<TopicPartitionKey, CommittedOffset>> PendingTransactionalOffsets { get; } = [];

    public bool IsEmpty => _members.Count == 0;

    public GroupMember? Find(string memberId) => _members.Find(m => m.MemberId == memberId);

    public GroupMember? FindStatic(string groupInstanceId) => _members.Find(m => m.GroupInstanceId == groupInstanceId);

    public bool IsLeader(GroupMember member) => member.MemberId == LeaderId;

    /// <summary>
    /// Whether a member with these protocols may join: the group's protocol type must match and at least one
    /// of them must be supported by every current member.
    /// </summary>
    public bool SupportsProtocols(string protocolType, IReadOnlyList<GroupProtocol> protocols)
    {
        if (protocolType.Length == 0 || protocols.Count == 0)
        {
            return false;
        }

        if (_members.Count == 0)
        {
            return true;
        }

        return protocolType == ProtocolType && protocols.Any(p => _members.All(m => m.Supports(p.Name)));
    }

    public void Add(GroupMember member)
    {
        if (_members.Count == 0)
        {
            ProtocolType = member.ProtocolType;
        }

        _members.Add(member);
        LeaderId ??= member.MemberId;
    }

    /// <summary>Puts <paramref name="replacement"/> in the place of a static member that rejoined with a new member id.</summary>
    public void Replace(GroupMember old, GroupMember replacement)
    {
        old.FailPending(ErrorCode.FencedInstanceId);
        replacement.Assignment = old.Assignment;
        _members[_members.IndexOf(old)] = replacement;
        if (LeaderId == old.MemberId)
        {
            LeaderId = replacement.MemberId;
        }
    }

    /// <summary>Removes a member that left or expired and moves the group on, as Kafka's removeMemberAndUpdateGroup.</summary>
    public void RemoveAndUpdate(GroupMember member, long nowMs)
    {
        member.FailPending(ErrorCode.UnknownMemberId);
        _members.Remove(member);
        if (LeaderId == member.MemberId)
        {
            LeaderId = _members.FirstOrDefault()?.MemberId;
        }

        switch (State)
        {
            case GroupState.Stable or GroupState.CompletingRebalance:
                PrepareRebalance(nowMs);
                break;
            case GroupState.PreparingRebalance:
                TryCompleteJoin(nowMs);
                break;
        }
    }

    /// <summary>Starts a rebalance unless one is already being prepared.</summary>
    public void MaybePrepareRebalance(long nowMs)
    {
        if (State is GroupState.Stable or GroupState.CompletingRebalance or GroupState.Empty)
        {
            PrepareRebalance(nowMs);
        }
    }

    private void PrepareRebalance(long nowMs)
    {
        if (State == GroupState.CompletingRebalance)
        {
            // The assignment being synced belongs to a generation that will never be stable.
            foreach (var member in _members)
            {
                member.Assignment = [];
                member.PendingSync?.TrySetResult(SyncResult.Failed(ErrorCode.RebalanceInProgress));
                member.PendingSync = null;
            }
        }

        State = GroupState.PreparingRebalance;
        RebalanceDeadlineMs = nowMs + _members.Select(m => (long)m.RebalanceTimeoutMs).DefaultIfEmpty(0).Max();
        TryCompleteJoin(nowMs);
    }

    /// <summary>Completes the join phase once every known member (and every member id just handed out) has rejoined.</summary>
    public void TryCompleteJoin(long nowMs)
    {
        if (State == GroupState.PreparingRebalance && PendingMembers.Count == 0 && _members.All(m => m.PendingJoin is not null))
        {
            CompleteJoin(nowMs);
        }
    }

    /// <summary>
    /// Ends the join phase (all rejoined, or the rebalance timeout passed): members that did not rejoin are
    /// removed, the generation moves on, a protocol is chosen and every waiting JoinGroup is answered.
    /// </summary>
    public void CompleteJoin(long nowMs)
    {
        foreach (var missing in _members.Where(m => m.PendingJoin is null).ToList())
        {
            missing.FailPending(ErrorCode.UnknownMemberId);
            _members.Remove(missing);
        }

        GenerationId++;
        if (_members.Count == 0)
        {
            Protocol = "";
            LeaderId = null;
            State = GroupState.Empty;
            return;
        }

        if (LeaderId is null || Find(LeaderId) is null)
        {
            LeaderId = _members[0].MemberId;
        }

        Protocol = SelectProtocol();
        State = GroupState.CompletingRebalance;
        var all = _members.Select(m => new JoinedMember(m.MemberId, m.GroupInstanceId, m.MetadataFor(Protocol))).ToList();
        foreach (var member in _members)
        {
            member.Assignment = [];
            member.Touch(nowMs);
            var pending = member.PendingJoin!;
            member.PendingJoin = null;
            pending.TrySetResult(CurrentJoinResult(member, all));
        }
    }

    /// <summary>The current generation as a JoinGroup answer; the leader also gets every member's metadata.</summary>
    public JoinResult CurrentJoinResult(GroupMember member, IReadOnlyList<JoinedMember>? all = null)
    {
        var members = IsLeader(member)
            ? all ?? _members.Select(m => new JoinedMember(m.MemberId, m.GroupInstanceId, m.MetadataFor(Protocol))).ToList()
            : [];
        return new JoinResult(ErrorCode.None, GenerationId, Protocol, LeaderId ?? "", member.MemberId, members);
    }

    /// <summary>
    /// Kafka's vote: among the protocols every member supports, each member votes for the first one in its own
    /// preference order; the most votes win, ties go to the leader's preference.
    /// </summary>
    private string SelectProtocol()
    {
        var leader = Find(LeaderId!)!;
        var candidates = leader.Protocols.Select(p => p.Name).Where(name => _members.All(m => m.Supports(name))).ToList();
        var votes = candidates.ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
        foreach (var member in _members)
        {
            var choice = member.Protocols.Select(p => p.Name).FirstOrDefault(votes.ContainsKey);
            if (choice is not null)
            {
                votes[choice]++;
            }
        }

        return candidates.OrderByDescending(name => votes[name]).First();
    }

    /// <summary>The leader's SyncGroup: stores every member's assignment, makes the group Stable and answers waiting followers.</summary>
    public void CompleteSync(IReadOnlyDictionary<string, byte[]> assignments, long nowMs)
    {
        foreach (var member in _members)
        {
            member.Assignment = assignments.GetValueOrDefault(member.MemberId) ?? [];
        }

        State = GroupState.Stable;
        foreach (var member in _members)
        {
            member.Touch(nowMs);
            member.PendingSync?.TrySetResult(new SyncResult(ErrorCode.None, member.Assignment));
            member.PendingSync = null;
        }
    }

    /// <summary>Removes pending member ids and members whose session ran out; ends an overdue join phase.</summary>
    public void Expire(long nowMs)
    {
        foreach (var (memberId, deadline) in PendingMembers.ToList())
        {
            if (deadline <= nowMs)
            {
                PendingMembers.Remove(memberId);
                TryCompleteJoin(nowMs);
            }
        }

        foreach (var member in _members.Where(m => !m.IsAwaiting && m.SessionDeadlineMs <= nowMs).ToList())
        {
            // An earlier removal may have completed a rebalance that renewed this member's session.
            if (_members.Contains(member) && !member.IsAwaiting && member.SessionDeadlineMs <= nowMs)
            {
                RemoveAndUpdate(member, nowMs);
            }
        }

        if (State == GroupState.PreparingRebalance && RebalanceDeadlineMs <= nowMs)
        {
            CompleteJoin(nowMs);
        }
    }

    /// <summary>The earliest time something of this group may expire, or null when nothing will.</summary>
    public long? NextDeadlineMs()
    {
        var deadlines = PendingMembers.Values.Concat(_members.Where(m => !m.IsAwaiting).Select(m => m.SessionDeadlineMs));
        if (State == GroupState.PreparingRebalance)
        {
            deadlines = deadlines.Append(RebalanceDeadlineMs);
        }

        return deadlines.Select(d => (long?)d).Min();
    }

    /// <summary>
    /// Topics an active consumer group is subscribed to (from its members' subscriptions for the chosen
    /// protocol); empty when the group is not an active consumer group.
    /// </summary>
    public HashSet<string> SubscribedTopics()
    {
        var topics = new HashSet<string>(StringComparer.Ordinal);
        if (ProtocolType != ConsumerProtocol.ProtocolType || State is GroupState.Empty or GroupState.Dead)
        {
            return topics;
        }

        foreach (var member in _members)
        {
            var metadata = Protocol.Length > 0 ? member.MetadataFor(Protocol) : member.Protocols.FirstOrDefault()?.Metadata ?? [];
            topics.UnionWith(ConsumerProtocol.SubscribedTopics(metadata) ?? []);
        }

        return topics;
    }

    public GroupSummary Summary()
    {
        var stable = State == GroupState.Stable;
        var members = _members
            .Select(m => new MemberSummary(m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost,
                stable ? m.MetadataFor(Protocol) : [], stable ? m.Assignment : []))
            .ToList();
        return new GroupSummary(GroupId, State, ProtocolType, stable ? Protocol : "", members);
    }

    /// <summary>Marks the group deleted: any request still holding it sees Dead.</summary>
    public void MarkDead()
    {
        State = GroupState.Dead;
        Offsets.Clear();
        PendingTransactionalOffsets.Clear();
    }
}
