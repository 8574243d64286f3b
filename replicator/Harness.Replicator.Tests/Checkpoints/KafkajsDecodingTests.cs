using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Testing;
using Harness.Replicator.Tests.Support;

namespace Harness.Replicator.Tests.Checkpoints;

/// <summary>
/// The offset syncs, checkpoints and heartbeats the replicator wrote, read back by kafkajs and decoded field by field
/// in JavaScript (kafkajs/read-mm2.js), so a bug shared by the C# encoder and decoder cannot hide.
/// </summary>
[Category("Integration")]
public sealed class KafkajsDecodingTests
{
    private static readonly string ScriptFolder = Path.Combine(AppContext.BaseDirectory, "kafkajs");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [OneTimeSetUp]
    public Task InstallKafkajs() => KafkajsScripts.EnsureInstalledAsync(ScriptFolder);

    [Test]
    public async Task Kafkajs_decodes_the_offset_syncs_checkpoints_and_heartbeats_field_by_field()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("payments", 2);
        Records.Produce(clusters.Source, "payments", 2, 400);
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = clusters.Source.BootstrapServers }).Build())
        {
            await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("billing-é", [new TopicPartitionOffset("payments", 0, 200), new TopicPartitionOffset("payments", 1, 150)])]);
        }

        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties(("emit.checkpoints.interval.seconds", "1"), ("offset.lag.max", "50")));
        await Eventually.TrueAsync(() => Mm2Topics.Checkpoints(clusters.Target) is var written && written.Any(c => c.Partition == 0 && c.DownstreamOffset == 200)
            && written.Any(c => c.Partition == 1) && Mm2Topics.OffsetSyncs(clusters.Source).Count(s => s.UpstreamOffset == 199) == 2,
            Timeout, "both partitions are checkpointed, exactly where the final syncs allow");
        await replicator.StopAsync();

        var syncs = await ReadAsync(clusters.Source, "mm2-offset-syncs.target.internal", "offset-syncs");
        syncs.Select(s => (s.GetProperty("topic").GetString(), s.GetProperty("partition").GetInt32(), Long(s, "upstreamOffset"), Long(s, "offset")))
            .Should().Equal(Mm2Topics.OffsetSyncs(clusters.Source).Select(s => ((string?)s.Topic, s.Partition, s.UpstreamOffset, s.DownstreamOffset)))
            .And.Contain(("payments", 0, 0L, 0L)).And.Contain(("payments", 1, 199L, 199L));

        var checkpoints = await ReadAsync(clusters.Target, "source.checkpoints.internal", "checkpoints");
        checkpoints.Should().OnlyContain(c => c.GetProperty("version").GetInt16() == 0 && c.GetProperty("metadata").GetString() == ""
            && c.GetProperty("group").GetString() == "billing-é" && c.GetProperty("topic").GetString() == "source.payments");
        checkpoints.Select(c => (c.GetProperty("partition").GetInt32(), Long(c, "upstreamOffset"), Long(c, "offset")))
            .Should().Equal(Mm2Topics.Checkpoints(clusters.Target).Select(c => (c.Partition, c.UpstreamOffset, c.DownstreamOffset)))
            .And.Contain((0, 200L, 200L)).And.Contain(c => c.Item1 == 1 && c.Item2 == 150L && c.Item3 <= 150L && c.Item3 >= 100L);

        var heartbeats = await ReadAsync(clusters.Target, "heartbeats", "heartbeats");
        heartbeats.Should().NotBeEmpty().And.OnlyContain(h => h.GetProperty("sourceClusterAlias").GetString() == "source"
            && h.GetProperty("targetClusterAlias").GetString() == "target" && h.GetProperty("version").GetInt16() == 0
            && Long(h, "timestamp") >= started && Long(h, "timestamp") <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private static long Long(JsonElement element, string name) => long.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> ReadAsync(EmbeddedCluster cluster, string topic, string kind)
    {
        var outcome = await ExternalProcess.RunAsync("node", ["read-mm2.js", cluster.BootstrapServers, topic, kind], null, TimeSpan.FromSeconds(90), ScriptFolder);
        outcome.ExitCode.Should().Be(0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
