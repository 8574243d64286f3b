using Confluent.Kafka;
using Harness.Engine.Chaos;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Chaos;

/// <summary>The <c>compact</c> fault runs the embedded broker's cleaner over the named topic when it starts.</summary>
[Category("Integration")]
public sealed class CompactFaultTests
{
    [Test]
    public async Task Compact_fault_removes_superseded_records_from_the_source_topic_and_names_the_count()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        source.Cluster.CreateTopic("changelog", 1, 1, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = source.BootstrapServers, LingerMs = 0 }).Build())
        {
            foreach (var (key, value) in new[] { ("a", "1"), ("a", "2"), ("b", "1"), ("a", "3"), ("tail", "t") })
            {
                await producer.ProduceAsync("changelog", new Message<string, string> { Key = key, Value = value });
            }
        }

        var context = new FaultContext(source, new IdleCluster("target"), new ScriptedReplicator(), [("changelog", "changelog", 1)], new Random(1),
            new RunClock(TimeProvider.System), SilentProgress.Instance);
        var fault = new CompactFault("f1", "source", "changelog");

        await fault.StartAsync(context, CancellationToken.None);

        fault.Target.Should().Be("source changelog: 2 records compacted away");
        source.Cluster.Compacted.RecordsRemoved.Should().Be(2);
        source.Cluster.HighWatermark("changelog", 0).Should().Be(5);
    }
}
