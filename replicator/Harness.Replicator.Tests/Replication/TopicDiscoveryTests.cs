using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Replication;

[Category("Integration")]
public sealed class TopicDiscoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Volume_spread_gives_the_high_volume_topic_its_own_tasks()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("firehose", 6);
        Records.Produce(clusters.Source, "firehose", 6, 30_000);
        foreach (var name in new[] { "small-a", "small-b", "small-c", "small-d" })
        {
            clusters.Source.CreateTopic(name, 2);
            Records.Produce(clusters.Source, name, 2, 20);
        }

        await using var running = await RunningReplicator.StartAsync(clusters.Properties(("tasks.max", "3")));
        var owners = running.Replicator.Assignments;

        var firehose = owners.Where(o => o.Key.Topic == "firehose").Select(o => o.Value).ToHashSet();
        firehose.Should().HaveCount(2, "round(~99% of the volume / a third) = 3 tasks, less one kept for the small topics");
        owners.Where(o => o.Key.Topic != "firehose").Select(o => o.Value).Should().OnlyContain(t => !firehose.Contains(t));
        running.Log.Should().Contain(l => l.Contains("mirroring firehose", StringComparison.Ordinal) && l.Contains("dedicated", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.firehose", 6) == 30_000, Timeout, "the firehose is replicated");
    }

    [Test]
    public async Task A_topic_created_later_is_found_on_refresh_with_its_configs()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("first", 1);
        await using var running = await RunningReplicator.StartAsync(clusters.Properties(("refresh.topics.interval.seconds", "1")));

        clusters.Source.CreateTopic("later", 3, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000", ["min.insync.replicas"] = "1" });
        Records.Produce(clusters.Source, "later", 3, 30);

        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.later") && Records.Total(clusters.Target, "source.later", 3) == 30, Timeout, "the new topic is replicated");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = clusters.Target.BootstrapServers }).Build();
        var described = (await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "source.later" }])).Single().Entries;
        described["retention.ms"].Value.Should().Be("3600000", "configs set on the source are synced");
        described["min.insync.replicas"].IsDefault.Should().BeTrue("MM2 never syncs min.insync.replicas");
    }
}
