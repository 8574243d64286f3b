using Harness.Replicator.Source;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Replication;

[Category("Integration")]
public sealed class BrokerFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Broker_kills_on_both_sides_mid_run_lose_nothing_and_the_replicator_keeps_running()
    {
        await using var clusters = TwoClusters.Start(brokers: 3);
        clusters.Source.CreateTopic("orders", 6);
        const int Total = 30_000;
        var producing = Task.Run(() => Records.Produce(clusters.Source, "orders", 6, Total));
        await using var running = await RunningReplicator.StartAsync(clusters.Properties(("tasks.max", "2"), ("emit.checkpoints.interval.seconds", "1")));
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.orders") && Records.Total(clusters.Target, "source.orders", 6) > 2000, Timeout, "copying is under way");

        clusters.Source.KillBroker(1);
        clusters.Target.KillBroker(2);

        // The copying clients are librdkafka's own (not Confluent.Kafka's), and their complaints about the dead brokers
        // reach the log: while the brokers stay down, reconnecting fails and librdkafka reports it.
        await Eventually.TrueAsync(
            () => running.Log.Any(line => line.StartsWith("librdkafka harness-replicator-source-consumer-", StringComparison.Ordinal)
                || line.StartsWith("librdkafka harness-replicator-target-producer-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            $"a task client's librdkafka log goes to the replicator's\n{running}");
        await producing;
        clusters.Source.RestartBroker(1);
        clusters.Target.RestartBroker(2);

        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.orders", 6) >= Total
            && Records.ReadAll(clusters.Target, "source.orders", 6).Values.SelectMany(r => r).Select(Records.Sequence).Distinct().Count() == Total,
            Timeout, $"every record reaches the target\n{running}");
        running.Replicator.State.Should().Be(ReplicatorState.Running);
        running.Replicator.Status().Failure.Should().BeNull();
    }
}
