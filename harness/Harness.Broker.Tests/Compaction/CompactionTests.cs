using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Storage;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Broker.Tests.Compaction;

/// <summary>
/// Log compaction as librdkafka (Confluent.Kafka) sees it: the latest record per key stays at its offset, the rest
/// leave gaps that consumers, ListOffsets and committed group offsets cross; tombstones and aborted transactions go
/// when Kafka's cleaner would let them go. The broker's clock is fake, so lags and horizons are exact. Every test runs
/// on memory and on disk storage.
/// </summary>
[Category("Integration")]
[TestFixture(StorageKind.Memory)]
[TestFixture(StorageKind.Disk)]
public sealed class CompactionTests(StorageKind storage)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Compact_keeps_the_latest_record_per_key_at_its_offset_and_leaves_gaps()
    {
        await using var cluster = Start(out _);
        cluster.CreateTopic("table", 1, configs: Compacted());
        await ProduceOneByOne(cluster, "table", Enumerable.Range(0, 20).Select(i => ($"k{i % 5}", (string?)$"v{i}")));
        await ProduceOneByOne(cluster, "table", [("tail", "t")]);

        var result = cluster.Compact("table");

        result.RecordsRemoved.Should().Be(15);
        var records = ReadAll(cluster, "table");
        records.Select(r => (r.Offset, r.Key, r.Value)).Should().Equal(
            (15, "k0", "v15"), (16, "k1", "v16"), (17, "k2", "v17"), (18, "k3", "v18"), (19, "k4", "v19"), (20, "tail", "t"));
        cluster.HighWatermark("table", 0).Should().Be(21, "compaction never moves offsets");
        cluster.LogStartOffset("table", 0).Should().Be(0);
        using var consumer = Consumer(cluster, "watermarks");
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition("table", 0), Timeout);
        (watermarks.Low.Value, watermarks.High.Value).Should().Be((0, 21));
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task The_active_head_and_records_younger_than_min_compaction_lag_are_not_compacted()
    {
        await using var cluster = Start(out var clock);
        cluster.CreateTopic("lagged", 1, configs: Compacted(("min.compaction.lag.ms", "60000")));
        await ProduceOneByOne(cluster, "lagged", [("k", "old"), ("k", "new"), ("other", "x")]);

        cluster.Compact("lagged").RecordsRemoved.Should().Be(0, "every record is younger than the lag");
        clock.Advance(TimeSpan.FromSeconds(61));
        cluster.Compact("lagged").RecordsRemoved.Should().Be(1, "now k=old is superseded and old enough");
        await ProduceOneByOne(cluster, "lagged", [("k", "newest")]);
        cluster.Compact("lagged").RecordsRemoved.Should().Be(0, "k=new is superseded only by a record still in the lag window");

        ReadAll(cluster, "lagged").Select(r => r.Value).Should().Equal("new", "x", "newest");
    }

    [Test]
    public async Task Tombstones_stay_for_delete_retention_ms_after_the_first_clean_and_then_go()
    {
        await using var cluster = Start(out var clock);
        cluster.CreateTopic("tombstones", 1, configs: Compacted(("delete.retention.ms", "10000")));
        await ProduceOneByOne(cluster, "tombstones", [("gone", "v"), ("gone", null), ("kept", "v"), ("tail", "t")]);

        cluster.Compact("tombstones").RecordsRemoved.Should().Be(1, "the value before the tombstone goes at once");
        ReadAll(cluster, "tombstones").Select(r => (r.Key, r.Value)).Should().Equal(("gone", null), ("kept", "v"), ("tail", "t"));

        clock.Advance(TimeSpan.FromSeconds(9));
        cluster.Compact("tombstones").RecordsRemoved.Should().Be(0, "the tombstone is still inside delete.retention.ms");
        clock.Advance(TimeSpan.FromSeconds(1));
        cluster.Compact("tombstones").RecordsRemoved.Should().Be(1);

        ReadAll(cluster, "tombstones").Select(r => (r.Offset, r.Key)).Should().Equal((2, "kept"), (3, "tail"));
    }

    [Test]
    public async Task A_log_that_ends_in_an_expired_tombstone_keeps_its_last_batch_so_readers_reach_the_end()
    {
        await using var cluster = Start(out var clock);
        cluster.CreateTopic("ending", 1, configs: Compacted(("delete.retention.ms", "1000")));
        await ProduceOneByOne(cluster, "ending", [("kept", "v"), ("gone", "v"), ("gone", null)]);

        cluster.Compact("ending").RecordsRemoved.Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(2));
        cluster.Compact("ending").RecordsRemoved.Should().Be(0, "the tombstone is the log's last batch, which is never removed");

        ReadAll(cluster, "ending").Select(r => (r.Offset, r.Key)).Should().Equal((0, "kept"), (2, "gone"));
        cluster.HighWatermark("ending", 0).Should().Be(3);
    }

    [Test]
    public async Task The_schedule_compacts_what_lies_before_the_active_segment_of_topics_whose_policy_says_compact()
    {
        await using var cluster = Start(out var clock, scheduled: true);
        // segment.bytes 100: every batch here rolls the segment, so only the last batch stays active.
        cluster.CreateTopic("scheduled", 1, configs: Compacted(("segment.bytes", "100")));
        cluster.CreateTopic("both", 1, configs: new Dictionary<string, string> { ["cleanup.policy"] = "compact,delete", ["segment.bytes"] = "100" });
        cluster.CreateTopic("plain", 1, configs: new Dictionary<string, string> { ["segment.bytes"] = "100" });
        cluster.CreateTopic("unrolled", 1, configs: Compacted());
        foreach (var topic in new[] { "scheduled", "both", "plain", "unrolled" })
        {
            await ProduceOneByOne(cluster, topic, [("k", "1"), ("k", "2"), ("k", "3")]);
        }

        clock.Advance(TimeSpan.FromSeconds(15));

        await Eventually.TrueAsync(() => cluster.Compacted.RecordsRemoved == 2, Timeout, "the scheduled pass ran");
        ReadAll(cluster, "scheduled").Select(r => r.Value).Should().Equal("2", "3");
        ReadAll(cluster, "both").Select(r => r.Value).Should().Equal("2", "3");
        ReadAll(cluster, "plain").Select(r => r.Value).Should().Equal("1", "2", "3");
        ReadAll(cluster, "unrolled").Select(r => r.Value).Should().Equal(["1", "2", "3"], "a 1 GiB active segment holds all three records");
    }

    [Test]
    public async Task Gzip_batches_are_rewritten_and_lz4_batches_are_kept_whole()
    {
        await using var cluster = Start(out _);
        cluster.CreateTopic("gzip", 1, configs: Compacted());
        cluster.CreateTopic("lz4", 1, configs: Compacted());
        ProduceBatch(cluster, "gzip", CompressionType.Gzip, Enumerable.Range(0, 50).Select(i => ($"k{i % 10}", $"v{i}")));
        ProduceBatch(cluster, "lz4", CompressionType.Lz4, Enumerable.Range(0, 50).Select(i => ($"k{i % 10}", $"v{i}")));
        await ProduceOneByOne(cluster, "gzip", [("tail", "t")]);
        await ProduceOneByOne(cluster, "lz4", [("tail", "t")]);

        cluster.Compact("gzip").RecordsRemoved.Should().Be(40);
        cluster.Compact("lz4").RecordsRemoved.Should().Be(0, "lz4 records cannot be read here, so they are kept");

        var gzip = ReadAll(cluster, "gzip");
        gzip.Select(r => r.Offset).Should().Equal(Enumerable.Range(40, 11).Select(i => (long)i));
        gzip.Take(10).Select(r => r.Value).Should().Equal(Enumerable.Range(40, 10).Select(i => $"v{i}"));
        ReadAll(cluster, "lz4").Should().HaveCount(51);
    }

    [Test]
    public async Task Aborted_records_are_removed_and_committed_ones_compacted_for_both_isolation_levels()
    {
        await using var cluster = Start(out var clock);
        cluster.CreateTopic("txn-table", 1, configs: Compacted(("delete.retention.ms", "1000")));
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            TransactionalId = "compacted-txn",
            LingerMs = 0,
        }).Build())
        {
            producer.InitTransactions(Timeout);
            foreach (var (commit, value) in new[] { (true, "committed-1"), (false, "aborted"), (true, "committed-2") })
            {
                producer.BeginTransaction();
                producer.Produce("txn-table", new Message<string, string> { Key = "k", Value = value });
                producer.Flush(Timeout).Should().Be(0);
                if (commit)
                {
                    producer.CommitTransaction(Timeout);
                }
                else
                {
                    producer.AbortTransaction(Timeout);
                }
            }
        }

        await ProduceOneByOne(cluster, "txn-table", [("tail", "t")]);

        // committed-1 (0), COMMIT (1), aborted (2), ABORT (3), committed-2 (4), COMMIT (5), tail (6)
        cluster.Compact("txn-table").RecordsRemoved.Should().Be(2, "committed-1 is superseded and the aborted record goes");
        ReadAll(cluster, "txn-table", IsolationLevel.ReadUncommitted).Select(r => (r.Offset, r.Value)).Should().Equal((4, "committed-2"), (6, "t"));
        ReadAll(cluster, "txn-table", IsolationLevel.ReadCommitted).Select(r => (r.Offset, r.Value)).Should().Equal((4, "committed-2"), (6, "t"));

        clock.Advance(TimeSpan.FromSeconds(1));
        cluster.Compact("txn-table").RecordsRemoved.Should().Be(1, "the ABORT marker goes after delete.retention.ms; COMMIT markers stay");
        ReadAll(cluster, "txn-table", IsolationLevel.ReadCommitted).Select(r => r.Value).Should().Equal("committed-2", "t");
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task A_group_committed_inside_a_gap_resumes_at_the_next_record_that_is_left()
    {
        await using var cluster = Start(out _);
        cluster.CreateTopic("resume", 1, configs: Compacted());
        await ProduceOneByOne(cluster, "resume", Enumerable.Range(0, 10).Select(i => ($"k{i % 2}", (string?)$"v{i}")));
        await ProduceOneByOne(cluster, "resume", [("tail", "t")]);
        using (var first = Consumer(cluster, "resume-group"))
        {
            first.Commit([new TopicPartitionOffset("resume", 0, 3)]);
        }

        cluster.Compact("resume").RecordsRemoved.Should().Be(8);

        using var consumer = Consumer(cluster, "resume-group");
        consumer.Assign(new TopicPartition("resume", 0));
        var next = consumer.Consume(Timeout);
        next.Should().NotBeNull();
        next!.Offset.Value.Should().Be(8, "offsets 3 to 7 were compacted away; 8 holds k0's latest value");
        next.Message.Value.Should().Be("v8");
    }

    /// <summary>A one-broker cluster on a fake clock; the schedule is off unless asked for, so only the test compacts.</summary>
    private EmbeddedCluster Start(out FakeTimeProvider clock, bool scheduled = false)
    {
        clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            DefaultReplicationFactor = 1,
            CompactionInterval = scheduled ? TimeSpan.FromSeconds(15) : TimeSpan.Zero,
            Storage = storage,
        }, clock);
    }

    private static Dictionary<string, string> Compacted(params (string Key, string Value)[] extra)
    {
        var configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" };
        foreach (var (key, value) in extra)
        {
            configs[key] = value;
        }

        return configs;
    }

    private static async Task ProduceOneByOne(EmbeddedCluster cluster, string topic, IEnumerable<(string Key, string? Value)> records)
    {
        using var producer = new ProducerBuilder<string, string?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 0 }).Build();
        foreach (var (key, value) in records)
        {
            // One awaited send per record: one batch per record, so the tail batch is the last record alone.
            await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string?> { Key = key, Value = value });
        }
    }

    private static void ProduceBatch(EmbeddedCluster cluster, string topic, CompressionType compression, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            LingerMs = 50,
            CompressionType = compression,
        }).Build();
        foreach (var (key, value) in records)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = key, Value = value });
        }

        producer.Flush(Timeout).Should().Be(0);
    }

    private static IConsumer<string, string?> Consumer(EmbeddedCluster cluster, string group, IsolationLevel isolation = IsolationLevel.ReadUncommitted) =>
        new ConsumerBuilder<string, string?>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = isolation,
        }).Build();

    private static List<(long Offset, string Key, string? Value)> ReadAll(EmbeddedCluster cluster, string topic,
        IsolationLevel isolation = IsolationLevel.ReadUncommitted)
    {
        var end = cluster.HighWatermark(topic, 0);
        using var consumer = Consumer(cluster, $"read-{Guid.NewGuid():N}", isolation);
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var records = new List<(long, string, string?)>();
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && consumer.Position(new TopicPartition(topic, 0)).Value is var position && (position < 0 || position < end))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                records.Add((result.Offset.Value, result.Message.Key, result.Message.Value));
            }
        }

        return records;
    }
}
