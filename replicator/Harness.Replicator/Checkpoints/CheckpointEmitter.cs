using Harness.RdKafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Mm2.Records;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;
using Mm2TopicPartition = Harness.Mm2.TopicPartition;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// MM2's checkpoint task: for every source consumer group that passes <c>groups</c>/<c>groups.exclude</c>, translates
/// its committed offsets of replicated topics through the offset syncs and writes a <see cref="Checkpoint"/> to the
/// checkpoints topic in the target; with <c>sync.group.offsets.enabled</c>, also commits the translated offsets to
/// the same group in the target, but only while that group is empty there and only forward.
/// </summary>
/// <remarks>
/// As in MM2, a checkpoint is written only when it is the first for its group-partition, when the downstream offset
/// advanced, or when the source group rewound; so checkpoints never move a group backwards unless its owner did.
/// The checkpoint's metadata is always empty: librdkafka's admin API does not return commit metadata.
/// </remarks>
internal sealed class CheckpointEmitter(
    ReplicatorSettings settings,
    IAdminClient sourceAdmin,
    IAdminClient targetAdmin,
    IProducer<byte[]?, byte[]?> targetProducer,
    ReplicatorMetrics metrics,
    Action<string> log,
    TimeSpan timeout)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<(string Topic, int Partition), Checkpoint>> _last = new(StringComparer.Ordinal);
    private readonly TopicPartition _destination = new(settings.CheckpointsTopic, 0);
    private IReadOnlyList<string> _groups = [];
    private DateTimeOffset? _groupsRefreshed;

    /// <summary>Groups checkpointed in the last round.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>The latest checkpoint of each group and target partition.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Checkpoint>> LastCheckpoints()
    {
        lock (_lock)
        {
            return _last.ToDictionary(g => g.Key, g => (IReadOnlyList<Checkpoint>)g.Value.Values.ToList(), StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Loads the checkpoints an earlier run wrote, so checkpoints stay monotonic across restarts; true when the topic
    /// was read to its end (records that cannot be read are skipped, as MM2 skips them).
    /// </summary>
    public bool Restore(IConsumer<byte[]?, byte[]?> consumer, TimeSpan readTimeout)
    {
        var partition = new TopicPartition(settings.CheckpointsTopic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, readTimeout).High.Value;
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var started = metrics.Time.GetTimestamp();
        var next = 0L;
        while (next < end && metrics.Time.GetElapsedTime(started) < readTimeout)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            next = result.Offset.Value + 1;
            if (result.Message.Key is null || result.Message.Value is null)
            {
                continue;
            }

            try
            {
                Remember(Checkpoint.Deserialize(result.Message.Key, result.Message.Value));
            }
            catch (Harness.Mm2.Mm2FormatException)
            {
                // Not ours to judge: MM2 skips what it cannot read, and so do we.
            }
        }

        return next >= end;
    }

    /// <summary>One checkpoint round, translating through <paramref name="syncs"/>; returns how many checkpoints were written.</summary>
    public async Task<int> EmitAsync(OffsetSyncReader syncs, CancellationToken cancellation)
    {
        await RefreshGroupsAsync().ConfigureAwait(false);
        if (!syncs.ReadToEnd(timeout, cancellation))
        {
            log($"offset syncs in {settings.OffsetSyncsTopic} were not read to the end within {timeout.TotalSeconds:0} s; no checkpoints this round");
            return 0;
        }

        var written = 0;
        foreach (var group in _groups)
        {
            cancellation.ThrowIfCancellationRequested();
            List<TopicPartitionOffsetError> offsets;
            try
            {
                var listed = await sourceAdmin.ListConsumerGroupOffsetsAsync(
                    [new ConsumerGroupTopicPartitions(group, null)],
                    new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
                offsets = listed.SelectMany(r => r.Partitions).ToList();
            }
            catch (KafkaException e)
            {
                log($"cannot read the offsets of group {group} in {settings.SourceAlias}: {e.Message}");
                continue;
            }

            foreach (var offset in offsets.Where(o => !o.Error.IsError && o.Offset.Value >= 0 && settings.Replicates(o.Topic)))
            {
                if (!syncs.Translator.TryTranslate(new Mm2TopicPartition(offset.Topic, offset.Partition.Value), offset.Offset.Value, out var downstream))
                {
                    continue;
                }

                var checkpoint = new Checkpoint(group, RenameTopic(offset.Topic), offset.Partition.Value, offset.Offset.Value,
                    downstream + settings.Sabotage.CheckpointsAheadBy, "");
                if (!IsMoreRecent(checkpoint))
                {
                    continue;
                }

                if (settings.EmitCheckpoints)
                {
                    Write(checkpoint);
                }

                Remember(checkpoint);
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// Commits checkpointed offsets to the same groups in the target, for groups that are empty (or do not exist)
    /// there, and only where that moves the group forward.
    /// </summary>
    public async Task<int> SyncGroupOffsetsAsync(CancellationToken cancellation)
    {
        var checkpoints = LastCheckpoints();
        if (checkpoints.Count == 0)
        {
            return 0;
        }

        var states = await TargetGroupStatesAsync(checkpoints.Keys).ConfigureAwait(false);
        var synced = 0;
        foreach (var (group, groupCheckpoints) in checkpoints)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!states.TryGetValue(group, out var state) || state is not (ConsumerGroupState.Empty or ConsumerGroupState.Dead))
            {
                // Someone consumes with this group in the target: their commits are theirs.
                continue;
            }

            try
            {
                var current = state == ConsumerGroupState.Dead ? [] : (await targetAdmin.ListConsumerGroupOffsetsAsync(
                        [new ConsumerGroupTopicPartitions(group, null)], new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false))
                    .SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0)
                    .ToDictionary(p => (p.Topic, p.Partition.Value), p => p.Offset.Value);
                var forward = groupCheckpoints
                    .Where(c => !current.TryGetValue((c.Topic, c.Partition), out var at) || at < c.DownstreamOffset)
                    .Select(c => new TopicPartitionOffset(c.Topic, c.Partition, c.DownstreamOffset))
                    .ToList();
                if (forward.Count == 0)
                {
                    continue;
                }

                await targetAdmin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets(group, forward)],
                    new AlterConsumerGroupOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
                synced += forward.Count;
            }
            catch (KafkaException e)
            {
                // UnknownMemberId: a consumer joined the group in the target since we looked; that is the rule working.
                log($"group offsets of {group} not synced to {settings.TargetAlias}: {e.Message}");
            }
        }

        return synced;
    }

    private async Task<Dictionary<string, ConsumerGroupState>> TargetGroupStatesAsync(IEnumerable<string> groups)
    {
        try
        {
            var described = await targetAdmin.DescribeConsumerGroupsAsync(groups, new DescribeConsumerGroupsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
            return described.ConsumerGroupDescriptions.ToDictionary(d => d.GroupId, d => d.State, StringComparer.Ordinal);
        }
        catch (DescribeConsumerGroupsException e)
        {
            return e.Results.ConsumerGroupDescriptions.Where(d => !d.Error.IsError).ToDictionary(d => d.GroupId, d => d.State, StringComparer.Ordinal);
        }
        catch (KafkaException e)
        {
            log($"cannot describe groups in {settings.TargetAlias}: {e.Message}");
            return [];
        }
    }

    private async Task RefreshGroupsAsync()
    {
        var due = _groupsRefreshed is not { } refreshed || (settings.RefreshGroups && metrics.Time.GetUtcNow() - refreshed >= settings.RefreshGroupsInterval);
        if (!due)
        {
            return;
        }

        try
        {
            var listed = await ConsumerGroupIds.ListAsync(sourceAdmin, timeout).ConfigureAwait(false);
            _groups = listed.Where(settings.ReplicatesGroup).ToList();
            _groupsRefreshed = metrics.Time.GetUtcNow();
        }
        catch (KafkaException e)
        {
            log($"cannot list consumer groups in {settings.SourceAlias}: {e.Message}");
        }
    }

    private string RenameTopic(string topic) =>
        settings.Policy.TopicSource(topic) == settings.TargetAlias ? settings.Policy.OriginalTopic(topic) : settings.RemoteTopic(topic);

    private bool IsMoreRecent(Checkpoint checkpoint)
    {
        lock (_lock)
        {
            if (!_last.TryGetValue(checkpoint.Group, out var group) || !group.TryGetValue((checkpoint.Topic, checkpoint.Partition), out var last))
            {
                return true;
            }

            return checkpoint.UpstreamOffset < last.UpstreamOffset || checkpoint.DownstreamOffset > last.DownstreamOffset;
        }
    }

    private void Remember(Checkpoint checkpoint)
    {
        lock (_lock)
        {
            if (!_last.TryGetValue(checkpoint.Group, out var group))
            {
                group = [];
                _last[checkpoint.Group] = group;
            }

            group[(checkpoint.Topic, checkpoint.Partition)] = checkpoint;
        }
    }

    private void Write(Checkpoint checkpoint)
    {
        var created = metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var message = new Message<byte[]?, byte[]?>
        {
            Key = checkpoint.SerializeKey(),
            Value = checkpoint.SerializeValue(),
            Timestamp = new Timestamp(created, TimestampType.CreateTime),
        };
        while (true)
        {
            try
            {
                targetProducer.Produce(_destination, message, report =>
                {
                    if (!report.Error.IsError)
                    {
                        metrics.CheckpointWritten(checkpoint.Group, checkpoint.Topic, checkpoint.Partition, metrics.Time.GetUtcNow().ToUnixTimeMilliseconds() - created);
                    }
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                targetProducer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
