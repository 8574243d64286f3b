using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;
using ErrorCode = Harness.Broker.Protocol.ErrorCode;

namespace Harness.Broker.Tests.Admin;

/// <summary>
/// The newer versions on the wire, field by field: flexible Produce v9 and Fetch v12 (also across compaction gaps),
/// ListOffsets v7-v8's max-timestamp and earliest-local specs, DescribeLogDirs and DescribeClientQuotas.
/// </summary>
[Category("Integration")]
public sealed class NewerVersionsWireTests
{
    private EmbeddedCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        _cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { CompactionInterval = TimeSpan.Zero });
        _cluster.CreateTopic("newer", 2, 2);
        _cluster.CreateTopic("gaps", 1, 1, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 0 }).Build();
        var timestamps = new long[] { 1_000, 5_000, 3_000, 4_000 };
        foreach (var timestamp in timestamps)
        {
            await producer.ProduceAsync(new TopicPartition("newer", 0), new Message<string, string> { Key = "k", Value = "v", Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) });
        }

        foreach (var (key, value) in new[] { ("a", "1"), ("a", "2"), ("b", "1"), ("a", "3"), ("tail", "t") })
        {
            await producer.ProduceAsync(new TopicPartition("gaps", 0), new Message<string, string> { Key = key, Value = value });
        }

        _cluster.Compact("gaps").RecordsRemoved.Should().Be(2);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task ApiVersions_advertises_the_flexible_data_path_and_the_new_admin_apis()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.ApiVersions, 0, _ => { });

        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        var ranges = new Dictionary<ApiKey, (short Min, short Max)>();
        for (var count = reader.ReadArrayLength(); count > 0; count--)
        {
            ranges[(ApiKey)reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
        }

        ranges.Should().Contain(new Dictionary<ApiKey, (short, short)>
        {
            [ApiKey.Produce] = (3, 9),
            [ApiKey.Fetch] = (4, 12),
            [ApiKey.ListOffsets] = (1, 8),
            [ApiKey.DescribeLogDirs] = (0, 4),
            [ApiKey.DescribeClientQuotas] = (0, 1),
        });
    }

    [TestCase(7, -3L, 1L, 5_000L)]
    [TestCase(8, -4L, 0L, -1L)]
    [TestCase(6, -1L, 4L, -1L)]
    public async Task ListOffsets_flexible_answers_max_timestamp_earliest_local_and_latest(short version, long spec, long offset, long timestamp)
    {
        using var connection = Connect(_cluster.LeaderOf("newer", 0));
        var reader = await connection.SendAsync(ApiKey.ListOffsets, version, w =>
        {
            w.WriteInt32(-1);
            w.WriteInt8(0);
            w.WriteArrayLength(1, flexible: true);
            w.WriteString("newer", flexible: true);
            w.WriteArrayLength(1, flexible: true);
            w.WriteInt32(0);
            w.WriteInt32(-1);
            w.WriteInt64(spec);
            w.WriteEmptyTaggedFields();
            w.WriteEmptyTaggedFields();
            w.WriteEmptyTaggedFields();
        }, flexible: true);

        reader.ReadInt32(); // throttle
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadString(flexible: true).Should().Be("newer");
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadInt32().Should().Be(0);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadInt64().Should().Be(timestamp);
        reader.ReadInt64().Should().Be(offset);
        reader.ReadInt32().Should().BeGreaterThanOrEqualTo(0, "the leader epoch");
        reader.SkipTaggedFields();
        reader.SkipTaggedFields();
        reader.SkipTaggedFields();
        reader.Remaining.Should().Be(0);
    }

    [Test]
    public async Task DescribeLogDirs_v4_reports_one_dir_per_broker_with_the_size_of_each_partition_it_replicates()
    {
        var sizes = new Dictionary<int, long>();
        foreach (var broker in _cluster.Brokers)
        {
            using var connection = Connect(broker.Id);
            var reader = await connection.SendAsync(ApiKey.DescribeLogDirs, 4, w =>
            {
                w.WriteArrayLength(1, flexible: true);
                w.WriteString("newer", flexible: true);
                w.WriteArrayLength(2, flexible: true);
                w.WriteInt32(0);
                w.WriteInt32(1);
                w.WriteEmptyTaggedFields();
                w.WriteEmptyTaggedFields();
            }, flexible: true);

            reader.ReadInt32();
            ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
            reader.ReadArrayLength(flexible: true).Should().Be(1, "one log dir per broker");
            ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
            reader.ReadString(flexible: true).Should().Be($"/harness/cluster/broker-{broker.Id}");
            for (var topics = reader.ReadArrayLength(flexible: true); topics > 0; topics--)
            {
                reader.ReadString(flexible: true).Should().Be("newer");
                for (var partitions = reader.ReadArrayLength(flexible: true); partitions > 0; partitions--)
                {
                    var index = reader.ReadInt32();
                    var size = reader.ReadInt64();
                    reader.ReadInt64().Should().Be(0);
                    reader.ReadBool().Should().BeFalse();
                    reader.SkipTaggedFields();
                    sizes[index] = size;
                }

                reader.SkipTaggedFields();
            }

            reader.ReadInt64().Should().Be(-1);
            reader.ReadInt64().Should().Be(-1);
            reader.SkipTaggedFields();
            reader.SkipTaggedFields();
            reader.Remaining.Should().Be(0);
        }

        sizes.Keys.Should().BeEquivalentTo([0, 1], "every partition has two replicas among the three brokers");
        sizes[0].Should().BeGreaterThan(0);
        sizes[1].Should().Be(0);
    }

    [Test]
    public async Task DescribeClientQuotas_answers_an_empty_list_without_error()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.DescribeClientQuotas, 1, w =>
        {
            w.WriteArrayLength(1, flexible: true);
            w.WriteString("user", flexible: true);
            w.WriteInt8(1); // match the default entity
            w.WriteNullableString(null, flexible: true);
            w.WriteEmptyTaggedFields();
            w.WriteBool(false);
            w.WriteEmptyTaggedFields();
        }, flexible: true);

        reader.ReadInt32();
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadNullableString(flexible: true).Should().BeNull();
        reader.ReadArrayLength(flexible: true).Should().Be(0);
        reader.SkipTaggedFields();
        reader.Remaining.Should().Be(0);
    }

    [Test]
    public async Task Fetch_v12_from_inside_a_compaction_gap_returns_the_next_batches_that_are_left()
    {
        using var connection = Connect(_cluster.LeaderOf("gaps", 0));
        var reader = await connection.SendAsync(ApiKey.Fetch, 12, w =>
        {
            w.WriteInt32(-1); // replica id
            w.WriteInt32(0); // max wait
            w.WriteInt32(1); // min bytes
            w.WriteInt32(1 << 20);
            w.WriteInt8(0);
            w.WriteInt32(0); // session id
            w.WriteInt32(-1); // session epoch
            w.WriteArrayLength(1, flexible: true);
            w.WriteString("gaps", flexible: true);
            w.WriteArrayLength(1, flexible: true);
            w.WriteInt32(0);
            w.WriteInt32(-1); // current leader epoch
            w.WriteInt64(1); // offset 1 was compacted away
            w.WriteInt32(-1); // last fetched epoch
            w.WriteInt64(-1); // log start offset
            w.WriteInt32(1 << 20);
            w.WriteEmptyTaggedFields();
            w.WriteEmptyTaggedFields();
            w.WriteArrayLength(0, flexible: true); // forgotten topics
            w.WriteString("", flexible: true); // rack
            w.WriteEmptyTaggedFields();
        }, flexible: true);

        reader.ReadInt32();
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadInt32().Should().Be(0, "no fetch session");
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadString(flexible: true).Should().Be("gaps");
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadInt32().Should().Be(0);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadInt64().Should().Be(5, "the high watermark");
        reader.ReadInt64().Should().Be(5, "the last stable offset");
        reader.ReadInt64().Should().Be(0, "compaction does not move the log start");
        reader.ReadArrayLength(flexible: true).Should().Be(-1, "no aborted list at read_uncommitted");
        reader.ReadInt32().Should().Be(-1, "no preferred read replica");
        var records = reader.ReadBytes(flexible: true);
        var baseOffsets = new List<long>();
        for (var position = 0; position < records.Count;)
        {
            var header = Records.RecordBatchHeader.Read(records.AsSpan(position));
            baseOffsets.Add(header.BaseOffset);
            position += header.BatchLength + 12;
        }

        baseOffsets.Should().Equal([2, 3, 4], "b=1 at 2, a=3 at 3 and the tail at 4 are what is left from offset 1 on");
        reader.SkipTaggedFields();
        reader.SkipTaggedFields();
        reader.SkipTaggedFields();
        reader.Remaining.Should().Be(0);
    }

    private KafkaWireClient Connect(int brokerId) => KafkaWireClient.Connect(_cluster.Brokers.Single(b => b.Id == brokerId).Endpoint, "newer-versions-test");
}
