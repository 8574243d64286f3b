using System.Text;
using Confluent.Kafka;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Replication;

[Category("Integration")]
public sealed class ReplicationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Default_policy_prefixes_the_source_alias_and_keeps_partition_key_value_headers_and_timestamp()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("orders", 3);
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        Records.Produce(clusters.Source, "orders", 2,
        [
            new Message<byte[]?, byte[]?> { Key = "a"u8.ToArray(), Value = "first"u8.ToArray(), Timestamp = new Timestamp(stamp), Headers = new Headers { { "h1", "x"u8.ToArray() }, { "h1", "y"u8.ToArray() }, { "empty", [] } } },
            new Message<byte[]?, byte[]?> { Key = null, Value = "no key"u8.ToArray(), Timestamp = new Timestamp(stamp.AddSeconds(1)) },
            new Message<byte[]?, byte[]?> { Key = "tombstone"u8.ToArray(), Value = null, Timestamp = new Timestamp(stamp.AddSeconds(2)) },
        ]);
        Records.Produce(clusters.Source, "orders", 3, 300);

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties());
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.orders") && Records.Total(clusters.Target, "source.orders", 3) == 303, Timeout, "every record is replicated");

        var target = Records.ReadAll(clusters.Target, "source.orders", 3);
        var source = Records.ReadAll(clusters.Source, "orders", 3);
        foreach (var partition in Enumerable.Range(0, 3))
        {
            target[partition].Select(Describe).Should().Equal(source[partition].Select(Describe), $"partition {partition} is copied record by record");
        }

        var first = target[2][0].Message;
        first.Timestamp.UnixTimestampMs.Should().Be(stamp.ToUnixTimeMilliseconds());
        first.Headers.Select(h => (h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).Should().Equal(("h1", "x"), ("h1", "y"), ("empty", ""));
        target[2][1].Message.Key.Should().BeNull();
        target[2][2].Message.Value.Should().BeNull();
        clusters.Target.TopicNames.Should().Contain(["heartbeats", "source.checkpoints.internal"]);
        clusters.Source.TopicNames.Should().Contain("mm2-offset-syncs.target.internal");
    }

    [Test]
    public async Task Empty_and_null_keys_values_and_header_values_stay_apart_and_binary_bytes_are_copied_exactly()
    {
        // The copy goes from librdkafka's consumer memory straight to its producer: null and empty are different
        // pointers there, and nothing may be read as text.
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("edges", 2);
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_001);
        Records.Produce(clusters.Source, "edges", 1,
        [
            new Message<byte[]?, byte[]?> { Key = [], Value = [], Timestamp = new Timestamp(stamp) },
            new Message<byte[]?, byte[]?> { Key = null, Value = null, Timestamp = new Timestamp(stamp.AddMilliseconds(1)) },
            new Message<byte[]?, byte[]?> { Key = [], Value = null, Timestamp = new Timestamp(stamp.AddMilliseconds(2)), Headers = new Headers { { "null", null }, { "empty", [] }, { "bytes", binary } } },
            new Message<byte[]?, byte[]?> { Key = binary, Value = binary, Timestamp = new Timestamp(stamp.AddMilliseconds(3)), Headers = new Headers { { "\u00e9t\u00e9", [0] } } },
        ]);

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties());
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.edges") && Records.Total(clusters.Target, "source.edges", 2) == 4, Timeout, "every record is replicated");

        var target = Records.ReadAll(clusters.Target, "source.edges", 2)[1];
        target.Select(Describe).Should().Equal(Records.ReadAll(clusters.Source, "edges", 2)[1].Select(Describe));
        target[0].Message.Key.Should().NotBeNull().And.BeEmpty();
        target[0].Message.Value.Should().NotBeNull().And.BeEmpty();
        target[1].Message.Key.Should().BeNull();
        target[1].Message.Value.Should().BeNull();
        target[2].Message.Headers.Select(h => h.GetValueBytes() is null).Should().Equal(true, false, false);
        target.Select(r => r.Message.Timestamp.UnixTimestampMs - stamp.ToUnixTimeMilliseconds()).Should().Equal(0L, 1L, 2L, 3L);
    }

    [Test]
    public async Task Identity_policy_keeps_topic_names_and_filters_pick_the_topics()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("keep.me", 2);
        clusters.Source.CreateTopic("skip.me", 2);
        clusters.Source.CreateTopic("also-kept", 1);
        Records.Produce(clusters.Source, "keep.me", 2, 100);
        Records.Produce(clusters.Source, "skip.me", 2, 10);
        Records.Produce(clusters.Source, "also-kept", 1, 10);

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(
            ("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"),
            ("topics", "keep\\..*, also-.*"),
            ("topics.exclude", "skip.*")));
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("keep.me") && Records.Total(clusters.Target, "keep.me", 2) == 100
            && clusters.Target.TopicNames.Contains("also-kept") && Records.Total(clusters.Target, "also-kept", 1) == 10, Timeout, "the selected topics are replicated under their own names");

        clusters.Target.TopicNames.Should().NotContain(["skip.me", "source.keep.me"]);
        Records.ReadAll(clusters.Target, "keep.me", 2)[1].Select(Records.Sequence).Should().Equal(Enumerable.Range(0, 50).Select(i => (i * 2) + 1));
    }

    private static string Describe(ConsumeResult<byte[]?, byte[]?> r) =>
        $"{r.Offset.Value}|{Hex(r.Message.Key)}|{Hex(r.Message.Value)}|{r.Message.Timestamp.UnixTimestampMs}|{string.Join(',', r.Message.Headers.Select(h => h.Key + "=" + Hex(h.GetValueBytes())))}";

    private static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);
}
