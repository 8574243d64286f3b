using System.Text;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Sabotage;

/// <summary>
/// Each sabotage switch has its effect, counted per task: 1000 records over 2 partitions with one task and
/// "every 100" hits exactly 10 records.
/// </summary>
[Category("Integration")]
public sealed class SabotageTests
{
    private const int Count = 1000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Drop_every_nth_loses_exactly_count_over_n()
    {
        var target = await ReplicateAsync(("harness.sabotage.drop.every", "100"), Count - 10);
        var sequences = target.SelectMany(p => p.Value).Select(r => r.Sequence).ToList();
        sequences.Should().OnlyHaveUniqueItems().And.HaveCount(Count - 10);
    }

    [Test]
    public async Task Duplicate_every_nth_writes_those_records_twice()
    {
        var target = await ReplicateAsync(("harness.sabotage.duplicate.every", "100"), Count + 10);
        target.SelectMany(p => p.Value).GroupBy(r => r.Sequence).Count(g => g.Count() == 2).Should().Be(10);
    }

    [Test]
    public async Task Reorder_every_nth_swaps_records_within_their_partition()
    {
        var target = await ReplicateAsync(("harness.sabotage.reorder.every", "100"), Count);
        target.SelectMany(p => p.Value).Select(r => r.Sequence).Should().OnlyHaveUniqueItems().And.HaveCount(Count);
        var inversions = target.Values.Sum(records => records.Zip(records.Skip(1)).Count(pair => pair.First.Sequence > pair.Second.Sequence));
        // A held record that is the last of its partition has nothing to swap with and is written at the partition's end.
        inversions.Should().BeInRange(8, 10);
    }

    [Test]
    public async Task Corrupt_header_every_nth_changes_a_header_byte()
    {
        var target = await ReplicateAsync(("harness.sabotage.corrupt.header.every", "100"), Count);
        target.SelectMany(p => p.Value).Count(r => r.Key != $"k{r.Sequence}").Should().Be(10);
    }

    [Test]
    public async Task Corrupt_value_every_nth_changes_the_last_value_byte_only()
    {
        var target = await ReplicateAsync(("harness.sabotage.corrupt.value.every", "100"), Count);
        var records = target.SelectMany(p => p.Value).ToList();
        records.Should().OnlyContain(r => r.Key == $"k{r.Sequence}", "keys and headers are left alone");
        var changed = records.Where(r => r.Value[^1] != 'x').ToList();
        changed.Should().HaveCount(10);
        changed.Select(r => r.Value).Should().Equal(changed.Select(r => $"v{r.Sequence:D10}{new string('x', 8)}{(char)('x' ^ 0x5A)}"));
    }

    [Test]
    public async Task Misroute_every_nth_sends_records_to_the_next_partition()
    {
        var target = await ReplicateAsync(("harness.sabotage.misroute.every", "100"), Count);
        target.Sum(p => p.Value.Count(r => r.Sequence % 2 != p.Key)).Should().Be(10);
    }

    [Test]
    public async Task Checkpoints_ahead_by_n_puts_checkpoints_past_the_true_position()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 1);
        Records.Produce(clusters.Source, "t", 1, 100);
        using (var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = clusters.Source.BootstrapServers }).Build())
        {
            await admin.AlterConsumerGroupOffsetsAsync([new Confluent.Kafka.ConsumerGroupTopicPartitionOffsets("g", [new Confluent.Kafka.TopicPartitionOffset("t", 0, 100)])]);
        }

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(
            ("harness.sabotage.checkpoints.ahead.by", "7"), ("emit.checkpoints.interval.seconds", "1"), ("offset.lag.max", "10")));
        await Eventually.TrueAsync(() => Mm2Topics.Checkpoints(clusters.Target).Any(c => c.DownstreamOffset == 107), Timeout,
            "the caught-up group's exact translation, 100, is checkpointed 7 ahead");
        Mm2Topics.Checkpoints(clusters.Target).Should().OnlyContain(c => c.UpstreamOffset == 100 && c.DownstreamOffset > 100, "every checkpoint is past the true position, 100");
        replicator.Log.Should().Contain(l => l.StartsWith("SABOTAGE IS ON", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<int, List<(string Key, int Sequence, string Value)>>> ReplicateAsync((string Key, string Value) sabotage, int expected)
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, Count);
        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(sabotage, ("emit.checkpoints.enabled", "false"), ("emit.heartbeats.enabled", "false")));
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.t") && Records.Total(clusters.Target, "source.t", 2) >= expected, Timeout, "the sabotaged stream is written");
        await replicator.StopAsync();
        Records.Total(clusters.Target, "source.t", 2).Should().Be(expected);
        return Records.ReadAll(clusters.Target, "source.t", 2).ToDictionary(
            p => p.Key,
            p => p.Value.Select(r => (Encoding.UTF8.GetString(r.Message.Key!), Records.Sequence(r), Encoding.Latin1.GetString(r.Message.Value!))).ToList());
    }
}
