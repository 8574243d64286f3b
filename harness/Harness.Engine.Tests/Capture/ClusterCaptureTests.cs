using Confluent.Kafka;
using Harness.RdKafka;
using Harness.Broker.Cluster;
using Harness.Engine.Capture;
using Harness.Engine.Load;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;
using ApiKey = Harness.Broker.Protocol.ApiKey;
using BrokerError = Harness.Broker.Protocol.ErrorCode;

namespace Harness.Engine.Tests.Capture;

/// <summary>Capture against the embedded broker: a capture → replay round trip, and proof that a capture changes nothing.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ClusterCaptureTests
{
    private static readonly Dictionary<string, double> SourceRates = new() { ["orders"] = 400, ["clicks"] = 900, ["audit"] = 100 };

    [Test]
    [CancelAfter(180_000)]
    public async Task A_capture_replays_with_the_same_topics_partitions_and_rates_within_10_percent()
    {
        await using var source = EmbeddedCluster.Start();
        source.CreateTopic("orders", 6, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000" });
        source.CreateTopic("clicks", 12);
        source.CreateTopic("audit", 3);
        source.CreateTopic("mm2-offset-syncs.target.internal", 1);
        var load = new LoadGenerator(ScenarioLoader.Parse("""
            name: production
            seed: 21
            topics:
              - name: orders
                partitions: 6
                rate: 400
                duration: 30s
                size: {dist: lognormal, median: 300, sigma: 0.5, max: 4000}
                keys: {dist: zipf, count: 500, exponent: 1.1}
              - name: clicks
                partitions: 12
                rate: 900
                duration: 30s
                size: {dist: uniform, min: 100, max: 500}
                headers: {count: 2, size: 10}
              - name: audit
                partitions: 3
                rate: 100
                duration: 30s
                size: 250
                keys: sequential
            """, "production.yaml"), source.BootstrapServers, runId: 1);
        using var stop = new CancellationTokenSource();
        var producing = load.RunAsync(stop.Token);
        await WaitUntilAsync(() => load.Counters.Acknowledged > 3_000, TimeSpan.FromSeconds(30));
        Commit(source.BootstrapServers, "billing", [.. Enumerable.Range(0, 6).Select(p => new TopicPartitionOffset("orders", p, 10))]);
        Commit(source.BootstrapServers, "analytics", [.. Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset("audit", p, 1))]);

        var profile = await ClusterCapture.CaptureAsync(new CaptureOptions { Bootstrap = source.BootstrapServers, Window = TimeSpan.FromSeconds(10), Sample = 3_000 });
        await stop.CancelAsync();
        await producing;

        var scenario = ScenarioLoader.Parse(ProfileScenarioWriter.Write(profile), "profile.yaml");
        scenario.Topics.Select(t => (t.Name, t.Partitions)).Should().BeEquivalentTo(new[] { ("audit", 3), ("clicks", 12), ("orders", 6) });
        profile.SkippedTopics.Should().Contain("mm2-offset-syncs.target.internal");
        Topic(scenario, "orders").Configs.Should().Contain("retention.ms", "3600000");
        Topic(scenario, "orders").Keys.Should().BeOfType<ZipfKeys>().Which.Exponent.Should().BeInRange(0.8, 1.4);
        Topic(scenario, "audit").Keys.Should().BeOfType<SequentialKeys>();
        Topic(scenario, "clicks").Keys.Should().BeSameAs(NoKeys.Instance);
        Topic(scenario, "clicks").Headers.Should().Be(new HeaderShape(2, 10));
        Topic(scenario, "audit").Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(250);
        scenario.Consumers.Select(c => (c.Group, string.Join(',', c.Topics))).Should().BeEquivalentTo(new[] { ("analytics", "audit"), ("billing", "orders") });
        foreach (var (topic, rate) in SourceRates)
        {
            profile.Topics.Single(t => t.Name == topic).Rate.Should().BeApproximately(rate, rate * 0.1, $"the captured rate of {topic}");
        }

        // Replay the captured scenario on a fresh cluster, as `harness run` does in its load phase.
        await using var replay = EmbeddedCluster.Start();
        foreach (var topic in scenario.Topics)
        {
            replay.CreateTopic(topic.Name, topic.Partitions, configs: topic.Configs);
        }

        var replayed = new LoadGenerator(scenario, replay.BootstrapServers, runId: 2);
        await replayed.RunAsync(CancellationToken.None);
        foreach (var (topic, rate) in SourceRates)
        {
            var partitions = Topic(scenario, topic).Partitions;
            var stored = Enumerable.Range(0, partitions).Sum(p => replay.HighWatermark(topic, p));
            var seconds = replayed.TopicCounters[topic].SentPerSecond.Count(c => c > 0);
            (stored / profile.Window.TotalSeconds).Should().BeApproximately(rate, rate * 0.1, $"the replayed rate of {topic}");
            ((double)seconds).Should().BeApproximately(profile.Window.TotalSeconds, 2, $"{topic} is replayed over the window's length");
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_capture_creates_no_topic_no_group_and_commits_nothing()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("payments", 4);
        await new LoadGenerator(ScenarioLoader.Parse("""
            name: seed
            topics:
              - name: payments
                partitions: 4
                rate: 2000
                records: 1000
                size: 100
                keys: {dist: uniform, count: 20}
            """, "seed.yaml"), cluster.BootstrapServers, runId: 3).RunAsync(CancellationToken.None);
        Commit(cluster.BootstrapServers, "ledger", [.. Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset("payments", p, 5))]);
        var topicsBefore = cluster.TopicNames;
        var groupsBefore = await GroupOffsetsAsync(cluster.BootstrapServers);

        // Any request that could change the cluster now fails at the broker and uses up an injected error.
        foreach (var api in new[]
        {
            ApiKey.Produce, ApiKey.OffsetCommit, ApiKey.JoinGroup, ApiKey.SyncGroup, ApiKey.Heartbeat, ApiKey.LeaveGroup,
            ApiKey.CreateTopics, ApiKey.DeleteTopics, ApiKey.DeleteRecords, ApiKey.InitProducerId, ApiKey.AlterConfigs,
            ApiKey.IncrementalAlterConfigs, ApiKey.CreatePartitions, ApiKey.DeleteGroups, ApiKey.OffsetDelete, ApiKey.TxnOffsetCommit,
        })
        {
            cluster.InjectErrors(api, BrokerError.ClusterAuthorizationFailed, 1_000);
        }

        var pending = cluster.PendingFaults;

        var profile = await ClusterCapture.CaptureAsync(new CaptureOptions { Bootstrap = cluster.BootstrapServers, Window = TimeSpan.FromSeconds(2), Sample = 500 });

        profile.Topics.Single().Sampled.Should().Be(500, "the capture did read records");
        profile.Groups.Single().Group.Should().Be("ledger");
        cluster.PendingFaults.Should().Be(pending, "no produce, commit, join, create, delete or alter request reached a broker");
        cluster.TopicNames.Should().Equal(topicsBefore);
        (await GroupOffsetsAsync(cluster.BootstrapServers)).Should().BeEquivalentTo(groupsBefore);
    }

    private static TopicSpec Topic(Scenario scenario, string name) => scenario.Topics.Single(t => t.Name == name);

    private static void Commit(string bootstrap, string group, List<TopicPartitionOffset> offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false }).Build();
        consumer.Commit(offsets);
        consumer.Close();
    }

    private static async Task<Dictionary<string, string>> GroupOffsetsAsync(string bootstrap)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var groups = await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromSeconds(10));
        var result = new Dictionary<string, string>();
        foreach (var group in groups)
        {
            var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)]);
            result[group] = string.Join(",", offsets.SelectMany(o => o.Partitions).OrderBy(p => p.Topic).ThenBy(p => p.Partition.Value).Select(p => $"{p.TopicPartition}={p.Offset}"));
        }

        return result;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(50);
        }
    }
}
