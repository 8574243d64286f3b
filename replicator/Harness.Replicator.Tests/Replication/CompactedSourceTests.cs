using System.Text;
using Confluent.Kafka;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Replication;

/// <summary>A source topic compacted before the replicator reads it: the records left are copied densely and the gaps become offset syncs.</summary>
[Category("Integration")]
public sealed class CompactedSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_compacted_source_is_replicated_across_its_gaps_with_a_sync_at_each_gap()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("table", 1, configs: new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        for (var round = 0; round < 4; round++)
        {
            // One produce call per round: separate batches, so the cleaner has whole batches to drop and to rewrite.
            Records.Produce(clusters.Source, "table", 0, Enumerable.Range(0, 5).Select(k => new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes($"k{k}"),
                Value = Encoding.UTF8.GetBytes($"{round}"),
            }).Where((_, k) => round < 3 || k % 2 == 0));
        }

        // Offsets 0-14 hold rounds 0-2 of k0..k4, 15-17 round 3 of k0, k2, k4; k1 and k3 keep round 2 (offsets 11, 13).
        clusters.Source.Compact("table").RecordsRemoved.Should().Be(13);

        await using var replicator = await RunningReplicator.StartAsync(clusters.Properties());
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.table") && clusters.Target.HighWatermark("source.table", 0) == 5, Timeout,
            "the five records left are replicated");

        var copied = Records.ReadAll(clusters.Target, "source.table", 1)[0]
            .Select(r => $"{Encoding.UTF8.GetString(r.Message.Key!)}={Encoding.UTF8.GetString(r.Message.Value!)}").ToList();
        copied.Should().Equal("k1=2", "k3=2", "k0=3", "k2=3", "k4=3");
        await Eventually.TrueAsync(() => Mm2Topics.OffsetSyncs(clusters.Source).Count >= 3, Timeout, "syncs for the first record and the gaps");
        Mm2Topics.OffsetSyncs(clusters.Source).Select(s => (s.UpstreamOffset, s.DownstreamOffset))
            .Should().ContainInOrder([(11L, 0L), (13L, 1L), (15L, 2L)], "the first record and each record after a gap get a sync");
    }
}
