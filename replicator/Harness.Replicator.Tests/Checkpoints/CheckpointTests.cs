using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Checkpoints;

/// <summary>
/// Offset syncs, checkpoints and group offset sync on two 12-partition topics with consumer groups at 30%, 70% and
/// 100% of each partition. Records i go to partition i % 12, so source offset = seq / 12 and the true position of a
/// group in the target is the first target offset whose source offset is at or past the group's.
/// </summary>
[Category("Integration")]
public sealed class CheckpointTests
{
    private const int Partitions = 12;
    private const int PerPartition = 1000;
    private const long OffsetLagMax = 100;
    private static readonly string[] Topics = ["events", "audit"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Test]
    public async Task Checkpoints_are_never_ahead_and_caught_up_groups_redeliver_at_most_offset_lag_max()
    {
        await using var clusters = TwoClusters.Start();
        using var sourceAdmin = Admin(clusters.Source);
        using var targetAdmin = Admin(clusters.Target);
        var groups = new Dictionary<string, double> { ["g30"] = 0.3, ["g70"] = 0.7, ["g100"] = 1.0 };
        foreach (var topic in Topics)
        {
            clusters.Source.CreateTopic(topic, Partitions);
            Records.Produce(clusters.Source, topic, Partitions, Partitions * PerPartition);
        }

        foreach (var (group, share) in groups)
        {
            await CommitAsync(sourceAdmin, group, Topics.SelectMany(t => Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(t, p, (long)(PerPartition * share)))));
        }

        // In the target, g70 is already further on one partition (only forward) and "busy" has a live member (only empty groups).
        clusters.Target.CreateTopic("source.events", Partitions);
        await CommitAsync(targetAdmin, "g70", [new TopicPartitionOffset("source.events", 0, 900)]);
        await CommitAsync(sourceAdmin, "busy", [new TopicPartitionOffset("events", 1, 500)]);
        using var busy = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = clusters.Target.BootstrapServers, GroupId = "busy", EnableAutoCommit = false, SessionTimeoutMs = 6000,
        }).Build();
        busy.Subscribe("source.events");
        await Eventually.TrueAsync(() => { busy.Consume(50); return busy.Assignment.Count > 0; }, Timeout, "the busy target group has a member");

        // No commit during the test (so no commit-time syncs): the syncs come from the offset.lag.max rule alone.
        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(
            ("emit.checkpoints.interval.seconds", "1"), ("sync.group.offsets.enabled", "true"), ("sync.group.offsets.interval.seconds", "1"),
            ("offset.lag.max", OffsetLagMax.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("tasks.max", "2"), ("offset.flush.interval.ms", "600000")));
        await Eventually.TrueAsync(() => Topics.All(t => clusters.Target.TopicNames.Contains("source." + t) && Records.Total(clusters.Target, "source." + t, Partitions) == Partitions * PerPartition),
            Timeout, "both topics are replicated");
        var expectedKeys = groups.Keys.Append("busy").SelectMany(g => Topics.SelectMany(t => Enumerable.Range(0, Partitions).Select(p => (g, "source." + t, p))))
            .Where(k => k.Item1 != "busy" || (k.Item2 == "source.events" && k.p == 1)).ToList();
        await Eventually.TrueAsync(() =>
        {
            var latest = Mm2Topics.Latest(Mm2Topics.Checkpoints(clusters.Target));
            return expectedKeys.All(latest.ContainsKey) && Topics.All(t => Enumerable.Range(0, Partitions).All(p => latest[("g100", "source." + t, p)].DownstreamOffset >= PerPartition - OffsetLagMax));
        }, Timeout, "every group-partition is checkpointed, the caught-up group from the last syncs");

        var truePosition = TruePositions(clusters.Target);
        var checkpoints = Mm2Topics.Checkpoints(clusters.Target);
        foreach (var c in Mm2Topics.Latest(checkpoints).Values.Where(c => c.Partition == 0))
        {
            await TestContext.Out.WriteLineAsync($"{c.Group} {c.Topic}/0: upstream {c.UpstreamOffset} -> downstream {c.DownstreamOffset}, true position {truePosition[(c.Topic, 0)](c.UpstreamOffset)}");
        }

        foreach (var checkpoint in checkpoints)
        {
            var position = truePosition[(checkpoint.Topic, checkpoint.Partition)](checkpoint.UpstreamOffset);
            checkpoint.DownstreamOffset.Should().BeLessThanOrEqualTo(position, $"{checkpoint} must never skip records");
        }

        foreach (var checkpoint in Mm2Topics.Latest(checkpoints).Values.Where(c => c.Group == "g100"))
        {
            var redelivered = truePosition[(checkpoint.Topic, checkpoint.Partition)](checkpoint.UpstreamOffset) - checkpoint.DownstreamOffset;
            redelivered.Should().BeInRange(0, OffsetLagMax, $"{checkpoint} of a caught-up group re-delivers at most offset.lag.max");
        }

        checkpoints.Should().OnlyContain(c => c.Metadata == "" && (c.Topic == "source.events" || c.Topic == "source.audit"));
        foreach (var group in checkpoints.GroupBy(c => (c.Group, c.Topic, c.Partition)))
        {
            group.Select(c => c.DownstreamOffset).Should().BeInAscendingOrder("checkpoints never move a group backwards");
        }

        // Group offsets in the target: synced for groups that are empty there, only forward, never for "busy".
        var latestCheckpoints = Mm2Topics.Latest(Mm2Topics.Checkpoints(clusters.Target));
        foreach (var group in groups.Keys)
        {
            var expected = latestCheckpoints.Where(c => c.Key.Group == group).ToDictionary(
                c => (c.Key.Topic, c.Key.Partition),
                c => group == "g70" && c.Key.Topic == "source.events" && c.Key.Partition == 0 ? 900 : c.Value.DownstreamOffset);
            await Eventually.TrueAsync(async () => (await TargetOffsetsAsync(targetAdmin, group)) is var committed
                && committed.Count == expected.Count && expected.All(e => committed.GetValueOrDefault(e.Key) == e.Value),
                Timeout, $"{group} gets its latest checkpoints in the target, or keeps a position further on");
        }

        (await TargetOffsetsAsync(targetAdmin, "busy")).Should().BeEmpty("a group with members in the target is theirs to commit");
        Mm2Topics.Heartbeats(clusters.Target).Should().NotBeEmpty().And.OnlyContain(h => h.SourceClusterAlias == "source" && h.TargetClusterAlias == "target");
        busy.Close();
    }

    [Test]
    public async Task Offset_syncs_follow_the_mm2_rules_and_can_live_in_the_target()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 1);
        Records.Produce(clusters.Source, "t", 1, 1050);
        using var sourceAdmin = Admin(clusters.Source);
        await CommitAsync(sourceAdmin, "reader", [new TopicPartitionOffset("t", 0, 1050)]);

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(
            ("offset-syncs.topic.location", "target"), ("offset.lag.max", "100"), ("emit.checkpoints.interval.seconds", "1")));
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.t") && clusters.Target.HighWatermark("source.t", 0) == 1050, Timeout, "t is replicated");
        await Eventually.TrueAsync(() => Mm2Topics.OffsetSyncs(clusters.Target).Any(s => s.UpstreamOffset == 1049), Timeout, "the last record's sync is written at a commit");

        clusters.Source.TopicNames.Should().NotContain("mm2-offset-syncs.target.internal");
        var syncs = Mm2Topics.OffsetSyncs(clusters.Target);
        syncs.Should().OnlyContain(s => s.Topic == "t" && s.Partition == 0 && s.UpstreamOffset == s.DownstreamOffset);
        syncs[0].UpstreamOffset.Should().Be(0, "a task's first record is synced");
        // Between the first and the last, a sync is written when the downstream offset is offset.lag.max past lastSync + 1
        // (or at a commit, which may come sooner): never more than offset.lag.max + 1 apart.
        syncs.Zip(syncs.Skip(1)).Should().OnlyContain(pair => pair.Second.DownstreamOffset - pair.First.DownstreamOffset <= 101);
        await Eventually.TrueAsync(() => Mm2Topics.Checkpoints(clusters.Target).Any(c => c.Group == "reader" && c.DownstreamOffset == 1050), Timeout, "the checkpoint reads syncs from the target");
    }

    [Test]
    public async Task A_restarted_checkpoint_task_translates_a_group_behind_the_latest_sync()
    {
        // KAFKA-15905 / KAFKA-16622 (fixed in 3.7.1): a checkpoint task started after the syncs were written reads
        // them from the start and keeps their history, so a group committed far behind the latest sync translates.
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 1);
        Records.Produce(clusters.Source, "t", 1, 1050);
        var properties = clusters.Properties(("offset.lag.max", "100"), ("emit.checkpoints.interval.seconds", "1"));
        await using (var first = await RunningReplicator.StartAsync(properties))
        {
            await Eventually.TrueAsync(() => Mm2Topics.OffsetSyncs(clusters.Source).Any(s => s.UpstreamOffset == 1049), Timeout, "the last record's sync is written");
            await first.StopAsync();
        }

        // Committed only now, so no checkpoint of an earlier task covers it; the last sync (1049) is far ahead.
        using var sourceAdmin = Admin(clusters.Source);
        await CommitAsync(sourceAdmin, "late", [new TopicPartitionOffset("t", 0, 500)]);
        await using var second = await RunningReplicator.StartAsync(properties);

        await Eventually.TrueAsync(() => Mm2Topics.Checkpoints(clusters.Target).Any(c => c.Group == "late"), Timeout, "the restarted task checkpoints the late group");
        var checkpoint = Mm2Topics.Checkpoints(clusters.Target).First(c => c.Group == "late");
        // Nothing is filtered, so the true position of source offset 500 is target offset 500.
        checkpoint.DownstreamOffset.Should().BeInRange(1, 500, "translated from a kept sync before 500, never ahead of it");
        Mm2Topics.OffsetSyncs(clusters.Source).Should().Contain(
            s => s.DownstreamOffset == checkpoint.DownstreamOffset - (s.UpstreamOffset == 500 ? 0 : 1), "at, or one past, a sync that was written");
    }

    private static IAdminClient Admin(EmbeddedCluster cluster) => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

    private static async Task CommitAsync(IAdminClient admin, string group, IEnumerable<TopicPartitionOffset> offsets) =>
        await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets(group, offsets.ToList())]);

    private static async Task<Dictionary<(string Topic, int Partition), long>> TargetOffsetsAsync(IAdminClient admin, string group) =>
        (await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)]))
            .SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0).ToDictionary(p => (p.Topic, p.Partition.Value), p => p.Offset.Value);

    /// <summary>For each target partition: source offset → first target offset holding that source offset or a later one.</summary>
    private static Dictionary<(string Topic, int Partition), Func<long, long>> TruePositions(EmbeddedCluster target)
    {
        var result = new Dictionary<(string Topic, int Partition), Func<long, long>>();
        foreach (var topic in Topics)
        {
            foreach (var (partition, records) in Records.ReadAll(target, "source." + topic, Partitions))
            {
                var sourceOffsets = records.Select(r => (long)Records.Sequence(r) / Partitions).ToList();
                result[("source." + topic, partition)] = upstream =>
                {
                    var index = sourceOffsets.FindIndex(o => o >= upstream);
                    return index < 0 ? sourceOffsets.Count : records[index].Offset.Value;
                };
            }
        }

        return result;
    }
}
