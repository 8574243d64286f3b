using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>
/// Consumer groups of one cluster: membership, rebalances and committed offsets. The state is cluster-wide,
/// like __consumer_offsets, so it survives a coordinator move; handlers answer NOT_COORDINATOR for groups
/// another broker coordinates. One lock guards every group: the load is a handful of clients, and one lock
/// keeps the state machine free of ordering bugs.
/// </summary>
internal sealed class GroupCoordinator
{
    /// <summary>Kafka's group.min.session.timeout.ms and group.max.session.timeout.ms defaults.</summary>
    public const int MinSessionTimeoutMs = 6_000;

    public const int MaxSessionTimeoutMs = 1_800_000;

    /// <summary>Kafka's offset.metadata.max.bytes default.</summary>
    public const int MaxOffsetMetadataBytes = 4096;

    private readonly object _lock = new();
    private readonly Dictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private ITimer? _timer;

    public GroupCoordinator(ClusterState cluster) => Cluster = cluster;

    public ClusterState Cluster { get; }

    public Task<JoinResult> JoinAsync(JoinRequest request)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var result = Join(request, now);
            Reschedule(now);
            return result;
        }
    }

    private Task<JoinResult> Join(JoinRequest request, long now)
    {
        if (request.SessionTimeoutMs is < MinSessionTimeoutMs or > MaxSessionTimeoutMs)
        {
            return Fail(ErrorCode.InvalidSessionTimeout);
        }

        var isNew = request.MemberId.Length == 0;
        if (!_groups.TryGetValue(request.GroupId, out var group))
        {
            if (!isNew)
            {
                return Fail(ErrorCode.UnknownMemberId);
            }

            group = new ConsumerGroup(request.GroupId);
            _groups[request.GroupId] = group;
        }

        if (!group.SupportsProtocols(request.ProtocolType, request.Protocols))
        {
            return Fail(ErrorCode.InconsistentGroupProtocol);
        }

        return isNew ? JoinNewMember(group, request, now) : JoinKnownMember(group, request, now);

        Task<JoinResult> Fail(ErrorCode error) => Task.FromResult(JoinResult.Failed(error, request.MemberId));
    }

    private static Task<JoinResult> JoinNewMember(ConsumerGroup group, JoinRequest request, long now)
    {
        var memberId = $"{request.GroupInstanceId ?? request.ClientId}-{Guid.NewGuid()}";
        if (request.GroupInstanceId is { } instanceId)
        {
            return group.FindStatic(instanceId) is { } previous
                ? RejoinStaticMember(group, previous, memberId, request, now)
                : AddAndRebalance(group, memberId, request, now);
        }

        if (request.RequireKnownMemberId)
        {
            // KIP-394: the member id comes back with MEMBER_ID_REQUIRED, so a client that dies before its
            // second join leaves only a pending id behind, which expires after the session timeout.
            group.PendingMembers[memberId] = now + request.SessionTimeoutMs;
            return Task.FromResult(JoinResult.Failed(ErrorCode.MemberIdRequired, memberId));
        }

        return AddAndRebalance(group, memberId, request, now);
    }

    private static Task<JoinResult> AddAndRebalance(ConsumerGroup group, string memberId, JoinRequest request, long now)
    {
        var member = new GroupMember(memberId, request) { PendingJoin = NewJoinSource() };
        member.Touch(now);
        var pending = member.PendingJoin.Task;
        group.Add(member);
        group.MaybePrepareRebalance(now);
        group.TryCompleteJoin(now);
        return pending;
    }

    /// <summary>
    /// A static member restarted (new member id, same instance id): the old id is fenced. When nothing changed
    /// for a stable group's follower it keeps its assignment without a rebalance, which is what static
    /// membership is for.
    /// </summary>
    private static Task<JoinResult> RejoinStaticMember(ConsumerGroup group, GroupMember previous, string memberId, JoinRequest request, long now)
    {
        var replacement = new GroupMember(memberId, request);
        replacement.Touch(now);
        var unchanged = previous.SameProtocols(request.Protocols);
        group.Replace(previous, replacement);
        if (group.State == GroupState.Stable && unchanged && !group.IsLeader(replacement))
        {
            return Task.FromResult(group.CurrentJoinResult(replacement));
        }

        return AwaitRebalance(group, replacement, request, now);
    }

    private static Task<JoinResult> JoinKnownMember(ConsumerGroup group, JoinRequest request, long now)
    {
        if (group.PendingMembers.Remove(request.MemberId))
        {
            return AddAndRebalance(group, request.MemberId, request, now);
        }

        if (request.GroupInstanceId is { } instanceId && group.FindStatic(instanceId) is { } owner && owner.MemberId != request.MemberId)
        {
            return Task.FromResult(JoinResult.Failed(ErrorCode.FencedInstanceId, request.MemberId));
        }

        var member = group.Find(request.MemberId);
        if (member is null)
        {
            return Task.FromResult(JoinResult.Failed(ErrorCode.UnknownMemberId, request.MemberId));
        }

        member.Touch(now);
        switch (group.State)
        {
            case GroupState.PreparingRebalance:
                return AwaitRebalance(group, member, request, now);
            case GroupState.CompletingRebalance when member.SameProtocols(request.Protocols):
                // The member probably missed its JoinGroup answer: send the current generation again.
                return Task.FromResult(group.CurrentJoinResult(member));
            case GroupState.Stable when !group.IsLeader(member) && member.SameProtocols(request.Protocols):
                return Task.FromResult(group.CurrentJoinResult(member));
            case GroupState.CompletingRebalance or GroupState.Stable:
                return AwaitRebalance(group, member, request, now);
            default:
                return Task.FromResult(JoinResult.Failed(ErrorCode.UnknownMemberId, request.MemberId));
        }
    }

    private static Task<JoinResult> AwaitRebalance(ConsumerGroup group, GroupMember member, JoinRequest request, long now)
    {
        member.Update(request);

        // A second JoinGroup from the same member replaces the first; the first can only be waiting on a
        // connection the client gave up on, so any answer will do.
        member.PendingJoin?.TrySetResult(JoinResult.Failed(ErrorCode.RebalanceInProgress, member.MemberId));
        member.PendingJoin = NewJoinSource();
        var pending = member.PendingJoin.Task;
        group.MaybePrepareRebalance(now);
        group.TryCompleteJoin(now);
        return pending;
    }

    private static TaskCompletionSource<JoinResult> NewJoinSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SyncResult> SyncAsync(string groupId, int generationId, string memberId, string? groupInstanceId, IReadOnlyDictionary<string, byte[]> assignments)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var (group, member, error) = Validate(groupId, generationId, memberId, groupInstanceId);
            if (error != ErrorCode.None)
            {
                return Task.FromResult(SyncResult.Failed(error));
            }

            member!.Touch(now);
            Task<SyncResult> result;
            switch (group!.State)
            {
                case GroupState.PreparingRebalance:
                    result = Task.FromResult(SyncResult.Failed(ErrorCode.RebalanceInProgress));
                    break;
                case GroupState.Stable:
                    result = Task.FromResult(new SyncResult(ErrorCode.None, member.Assignment));
                    break;
                case GroupState.CompletingRebalance:
                    member.PendingSync?.TrySetResult(SyncResult.Failed(ErrorCode.RebalanceInProgress));
                    member.PendingSync = new TaskCompletionSource<SyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    result = member.PendingSync.Task;
                    if (group.IsLeader(member))
                    {
                        group.CompleteSync(assignments, now);
                    }

                    break;
                default:
                    result = Task.FromResult(SyncResult.Failed(ErrorCode.UnknownMemberId));
                    break;
            }

            Reschedule(now);
            return result;
        }
    }

    public ErrorCode Heartbeat(string groupId, int generationId, string memberId, string? groupInstanceId)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var (group, member, error) = Validate(groupId, generationId, memberId, groupInstanceId);
            if (error != ErrorCode.None)
            {
                return error;
            }

            member!.Touch(now);
            Reschedule(now);
            return group!.State switch
            {
                GroupState.PreparingRebalance => ErrorCode.RebalanceInProgress,
                GroupState.Stable or GroupState.CompletingRebalance => ErrorCode.None,
                _ => ErrorCode.UnknownMemberId,
            };
        }
    }

    /// <summary>The checks SyncGroup and Heartbeat share, in Kafka's order.</summary>
    private (ConsumerGroup? Group, GroupMember? Member, ErrorCode Error) Validate(string groupId, int generationId, string memberId, string? groupInstanceId)
    {
        if (!_groups.TryGetValue(groupId, out var group) || group.State is GroupState.Empty or GroupState.Dead)
        {
            return (group, null, ErrorCode.UnknownMemberId);
        }

        if (groupInstanceId is not null && group.FindStatic(groupInstanceId) is { } owner && owner.MemberId != memberId)
        {
            return (group, null, ErrorCode.FencedInstanceId);
        }

        var member = group.Find(memberId);
        return member is null ? (group, null, ErrorCode.UnknownMemberId)
            : generationId != group.GenerationId ? (group, member, ErrorCode.IllegalGeneration)
            : (group, member, ErrorCode.None);
    }

    /// <summary>Removes each named member (v3 batches several); returns one error per member.</summary>
    public IReadOnlyList<ErrorCode> Leave(string groupId, IReadOnlyList<MemberIdentity> leaving)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var errors = new List<ErrorCode>(leaving.Count);
            _groups.TryGetValue(groupId, out var group);
            foreach (var identity in leaving)
            {
                errors.Add(group is null ? ErrorCode.UnknownMemberId : LeaveOne(group, identity, now));
            }

            Reschedule(now);
            return errors;
        }
    }

    private static ErrorCode LeaveOne(ConsumerGroup group, MemberIdentity identity, long now)
    {
        GroupMember? member;
        if (identity.GroupInstanceId is { } instanceId)
        {
            member = group.FindStatic(instanceId);
            if (member is not null && identity.MemberId.Length > 0 && identity.MemberId != member.MemberId)
            {
                return ErrorCode.FencedInstanceId;
            }
        }
        else
        {
            if (group.PendingMembers.Remove(identity.MemberId))
            {
                group.TryCompleteJoin(now);
                return ErrorCode.None;
            }

            member = group.Find(identity.MemberId);
        }

        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        group.RemoveAndUpdate(member, now);
        return ErrorCode.None;
    }

    /// <summary>Commits offsets for one group; returns one error per entry, in order.</summary>
    public IReadOnlyList<ErrorCode> CommitOffsets(string groupId, int generationId, string memberId, string? groupInstanceId, IReadOnlyList<OffsetCommitEntry> entries)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var groupError = ValidateCommit(groupId, generationId, memberId, groupInstanceId, now, out var group);
            var errors = new List<ErrorCode>(entries.Count);
            foreach (var entry in entries)
            {
                var error = Cluster.FindPartition(entry.Topic, entry.Partition) is null ? ErrorCode.UnknownTopicOrPartition
                    : groupError != ErrorCode.None ? groupError
                    : entry.Metadata?.Length > MaxOffsetMetadataBytes ? ErrorCode.OffsetMetadataTooLarge
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    group!.Offsets[new TopicPartitionKey(entry.Topic, entry.Partition)] = new CommittedOffset(entry.Offset, entry.LeaderEpoch, entry.Metadata ?? "", now);
                }

                errors.Add(error);
            }

            return errors;
        }
    }

    /// <summary>
    /// Stages a transaction's offsets (TxnOffsetCommit): checked like Kafka's transactional commits (a member id or
    /// generation, when given, must be current; a producer outside the group may commit with neither) and kept apart
    /// until <see cref="CompleteTransactionalOffsets"/>. Returns one error per entry, in order.
    /// </summary>
    public IReadOnlyList<ErrorCode> StageTransactionalOffsets(string groupId, long producerId, int generationId, string memberId, string? groupInstanceId,
        IReadOnlyList<OffsetCommitEntry> entries)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            if (!_groups.TryGetValue(groupId, out var group))
            {
                group = new ConsumerGroup(groupId);
                _groups[groupId] = group;
            }

            var groupError = group.State == GroupState.Dead ? ErrorCode.CoordinatorNotAvailable
                : groupInstanceId is not null && group.FindStatic(groupInstanceId) is { } owner && owner.MemberId != memberId ? ErrorCode.FencedInstanceId
                : memberId.Length > 0 && group.Find(memberId) is null ? ErrorCode.UnknownMemberId
                : generationId >= 0 && generationId != group.GenerationId ? ErrorCode.IllegalGeneration
                : ErrorCode.None;
            var errors = new List<ErrorCode>(entries.Count);
            foreach (var entry in entries)
            {
                var error = Cluster.FindPartition(entry.Topic, entry.Partition) is null ? ErrorCode.UnknownTopicOrPartition
                    : groupError != ErrorCode.None ? groupError
                    : entry.Metadata?.Length > MaxOffsetMetadataBytes ? ErrorCode.OffsetMetadataTooLarge
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    if (!group.PendingTransactionalOffsets.TryGetValue(producerId, out var pending))
                    {
                        pending = [];
                        group.PendingTransactionalOffsets[producerId] = pending;
                    }

                    pending[new TopicPartitionKey(entry.Topic, entry.Partition)] = new CommittedOffset(entry.Offset, entry.LeaderEpoch, entry.Metadata ?? "", now);
                }

                errors.Add(error);
            }

            return errors;
        }
    }

    /// <summary>Makes a producer's staged offsets the group's committed offsets (commit) or drops them (abort).</summary>
    public void CompleteTransactionalOffsets(string groupId, long producerId, bool commit)
    {
        lock (_lock)
        {
            if (_groups.TryGetValue(groupId, out var group) && group.PendingTransactionalOffsets.Remove(producerId, out var pending) && commit)
            {
                foreach (var (key, offset) in pending)
                {
                    group.Offsets[key] = offset;
                }
            }
        }
    }

    /// <summary>
    /// Kafka's commit rules: generation -1 without a member is a simple (admin) commit, allowed only while
    /// the group has no members; otherwise the member and generation must be current.
    /// </summary>
    private ErrorCode ValidateCommit(string groupId, int generationId, string memberId, string? groupInstanceId, long now, out ConsumerGroup? group)
    {
        if (!_groups.TryGetValue(groupId, out group))
        {
            if (generationId >= 0)
            {
                return ErrorCode.IllegalGeneration;
            }

            group = new ConsumerGroup(groupId);
            _groups[groupId] = group;
            return ErrorCode.None;
        }

        if (group.State == GroupState.Dead)
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        if (groupInstanceId is not null && group.FindStatic(groupInstanceId) is { } owner && owner.MemberId != memberId)
        {
            return ErrorCode.FencedInstanceId;
        }

        if (generationId < 0 && group.State == GroupState.Empty)
        {
            return ErrorCode.None;
        }

        if (group.State == GroupState.CompletingRebalance)
        {
            return ErrorCode.RebalanceInProgress;
        }

        var member = group.Find(memberId);
        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        if (generationId != group.GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }

        member.Touch(now);
        return ErrorCode.None;
    }

    /// <summary>
    /// Committed offsets of a group: the requested partitions (-1 for those without a commit), or every
    /// committed partition when <paramref name="requested"/> is null.
    /// </summary>
    public IReadOnlyList<KeyValuePair<TopicPartitionKey, CommittedOffset>> FetchOffsets(string groupId, IReadOnlyList<TopicPartitionKey>? requested)
    {
        lock (_lock)
        {
            _groups.TryGetValue(groupId, out var group);
            if (requested is null)
            {
                return group is null ? [] : group.Offsets.OrderBy(o => o.Key.Topic, StringComparer.Ordinal).ThenBy(o => o.Key.Partition).ToList();
            }

            return requested
                .Select(key => KeyValuePair.Create(key, group?.Offsets.GetValueOrDefault(key) ?? CommittedOffset.None))
                .ToList();
        }
    }

    public IReadOnlyList<GroupListing> ListGroups(Func<string, bool> include)
    {
        lock (_lock)
        {
            return _groups.Values
                .Where(g => g.State != GroupState.Dead && include(g.GroupId))
                .OrderBy(g => g.GroupId, StringComparer.Ordinal)
                .Select(g => new GroupListing(g.GroupId, g.ProtocolType, g.State))
                .ToList();
        }
    }

    public GroupSummary Describe(string groupId)
    {
        lock (_lock)
        {
            return _groups.TryGetValue(groupId, out var group) ? group.Summary() : GroupSummary.Dead(groupId);
        }
    }

    /// <summary>Deletes a group and its offsets; only a group without members can be deleted.</summary>
    public ErrorCode DeleteGroup(string groupId)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(groupId, out var group) || group.State == GroupState.Dead)
            {
                return ErrorCode.GroupIdNotFound;
            }

            if (group.State != GroupState.Empty)
            {
                return ErrorCode.NonEmptyGroup;
            }

            group.MarkDead();
            _groups.Remove(groupId);
            return ErrorCode.None;
        }
    }

    /// <summary>
    /// Deletes committed offsets. An active consumer group keeps the offsets of topics it is subscribed to
    /// (GROUP_SUBSCRIBED_TO_TOPIC); any other active group refuses as a whole (NON_EMPTY_GROUP).
    /// </summary>
    public (ErrorCode GroupError, IReadOnlyList<ErrorCode> PartitionErrors) DeleteOffsets(string groupId, IReadOnlyList<TopicPartitionKey> partitions)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(groupId, out var group) || group.State == GroupState.Dead)
            {
                return (ErrorCode.GroupIdNotFound, []);
            }

            if (group.State != GroupState.Empty && group.ProtocolType != ConsumerProtocol.ProtocolType)
            {
                return (ErrorCode.NonEmptyGroup, []);
            }

            var subscribed = group.SubscribedTopics();
            var errors = new List<ErrorCode>(partitions.Count);
            foreach (var key in partitions)
            {
                var error = Cluster.FindPartition(key.Topic, key.Partition) is null ? ErrorCode.UnknownTopicOrPartition
                    : subscribed.Contains(key.Topic) ? ErrorCode.GroupSubscribedToTopic
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    group.Offsets.Remove(key);
                }

                errors.Add(error);
            }

            return (ErrorCode.None, errors);
        }
    }

    /// <summary>
    /// Arms one timer for the earliest session or rebalance deadline of any group, so members expire even
    /// when no request arrives; with nothing to watch the timer stays off and holds nothing alive.
    /// </summary>
    private void Reschedule(long now)
    {
        var next = _groups.Values.Select(g => g.NextDeadlineMs()).Where(d => d is not null).Min();
        if (next is null)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _timer ??= Cluster.Time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // A millisecond of slack: the deadline is inclusive, and a timer firing early would re-arm for 0 ms.
        _timer.Change(TimeSpan.FromMilliseconds(Math.Max(next.Value - now, 0) + 1), Timeout.InfiniteTimeSpan);
    }

    private void Sweep()
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            try
            {
                foreach (var group in _groups.Values)
                {
                    group.Expire(now);
                }
            }
#pragma warning disable CA1031 // A throw on a timer thread would end the process; a later sweep retries instead.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"[{Cluster.Name}] error: consumer group sweep failed: {e}");
                _timer?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
                return;
            }

            Reschedule(now);
        }
    }
}
