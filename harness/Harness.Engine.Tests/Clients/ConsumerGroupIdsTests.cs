using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.RdKafka;
using Harness.Testing;

namespace Harness.Engine.Tests.Clients;

/// <summary>
/// Group listing without Confluent.Kafka's <c>ListConsumerGroupsAsync</c>, whose per-broker errors are freed twice
/// (the replicator died of it with <c>free(): double free detected in tcache 2</c> during source broker kills).
/// </summary>
[Category("Integration")]
public sealed class ConsumerGroupIdsTests
{
    [Test]
    public async Task Consumer_groups_and_offset_only_groups_are_listed_sorted()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "groups" });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "orders", NumPartitions = 2, ReplicationFactor = 3 }]);
        Commit(cluster.BootstrapServers, "billing");
        Commit(cluster.BootstrapServers, "audit");
        using var live = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "live" }).Build();
        live.Subscribe("orders");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (live.Assignment.Count == 0 && DateTime.UtcNow < deadline)
        {
            live.Consume(TimeSpan.FromMilliseconds(100));
        }

        live.Assignment.Should().NotBeEmpty("the live member joined its group");

        var groups = await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromSeconds(10));

        groups.Should().Equal("audit", "billing", "live");
    }

    [Test]
    public async Task Listing_while_a_broker_is_down_answers_or_fails_with_a_kafka_error_and_never_corrupts_the_process()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "groups-down" });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "orders", NumPartitions = 3, ReplicationFactor = 3 }]);
        Commit(cluster.BootstrapServers, "billing");
        (await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromSeconds(10))).Should().Equal("billing");

        cluster.KillBroker(2);
        var outcomes = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                outcomes.Add(string.Join(",", await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromMilliseconds(500))));
            }
            catch (KafkaException e)
            {
                outcomes.Add(e.Error.Code.ToString());
            }
        }

        cluster.RestartBroker(2);
        TestContext.Out.WriteLine(string.Join("; ", outcomes));
        // librdkafka's own verdicts on a listing one broker cannot answer (transport, partial, timed out), never a crash.
        outcomes.Should().OnlyContain(o => o == "billing" || o.StartsWith("Local_", StringComparison.Ordinal));

        // A heap the listing had corrupted fails here or in the next allocations of librdkafka's threads.
        (await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromSeconds(10))).Should().Equal("billing");
    }

    [Test]
    public void No_code_of_ours_lists_groups_with_ListConsumerGroupsAsync()
    {
        // The embedded broker's own tests call it against clusters with every broker up, to test the broker.
        var callers = new[] { "harness", "replicator", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("Harness.Broker.Tests", StringComparison.Ordinal)
                && !f.EndsWith(nameof(ConsumerGroupIdsTests) + ".cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("ListConsumerGroupsAsync(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f));

        callers.Should().BeEmpty("Confluent.Kafka 2.16.0 frees that call's per-broker errors twice; use ConsumerGroupIds.ListAsync");
    }

    private static void Commit(string bootstrap, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false }).Build();
        consumer.Commit([new TopicPartitionOffset("orders", 0, 1)]);
        consumer.Close();
    }
}
