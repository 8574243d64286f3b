using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Engine.Load;
using Harness.Engine.Switchover;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Switchover;

/// <summary>
/// The rehearsal consumer against a real (embedded) target holding 100 stamped records of events/0, for a group
/// that committed source offset 50: which offsets it starts from, and what it then misses and reads again.
/// </summary>
[Category("Integration")]
public sealed class SwitchoverRehearsalTests
{
    private const ulong RunId = 0x5717c40e;
    private const int Records = 100;

    [Test]
    public async Task With_group_offset_sync_the_consumer_starts_at_the_groups_offsets_on_the_target_and_leaves_them_alone()
    {
        await using var target = await TargetAsync();
        await CommitOnTargetAsync(target.BootstrapServers, "app", 60);

        var result = (await RehearseAsync(target.BootstrapServers, syncGroupOffsets: true, "app")).Single();

        result.StartSource.Should().Be(SwitchoverStartSource.SyncedGroupOffset, "the synced offset (60) wins over the checkpoint (40)");
        result.Partitions.Single().StartOffset.Should().Be(60);
        result.Should().BeEquivalentTo(new { Complete = true, RecordsRead = 40L, Unconsumed = 50L, Missing = 10L, ReRead = 0L });
        (await CommittedOnTargetAsync(target.BootstrapServers, "app")).Should().Equal(60L);
        (await CommittedOnTargetAsync(target.BootstrapServers, result.ConsumerGroupId)).Should().BeEmpty("the rehearsal consumer never commits");
    }

    [Test]
    public async Task Without_group_offset_sync_the_checkpoint_is_used_and_a_group_with_no_translation_starts_at_earliest()
    {
        await using var target = await TargetAsync();
        await CommitOnTargetAsync(target.BootstrapServers, "app", 60);

        var results = await RehearseAsync(target.BootstrapServers, syncGroupOffsets: false, "app", "fresh");

        results.Select(r => r.Group).Should().Equal("app", "fresh");
        results[0].StartSource.Should().Be(SwitchoverStartSource.Checkpoint);
        results[0].Partitions.Single().StartOffset.Should().Be(40);
        results[0].Should().BeEquivalentTo(new { Complete = true, RecordsRead = 60L, Missing = 0L, ReRead = 10L });
        results[1].StartSource.Should().Be(SwitchoverStartSource.Earliest);
        results[1].Partitions.Single().Should().BeEquivalentTo(new { StartSource = SwitchoverStartSource.Earliest, StartOffset = 0L, EndOffset = (long)Records });
        results[1].Should().BeEquivalentTo(new { Complete = true, RecordsRead = (long)Records, Missing = 0L, ReRead = 50L });
    }

    private static async Task<List<SwitchoverResult>> RehearseAsync(string bootstrap, bool syncGroupOffsets, params string[] groups)
    {
        var scenario = ScenarioLoader.Parse($$"""
            name: switchover
            topics:
              - {name: events, partitions: 1, rate: 100, records: {{Records}}}
            replicator:
              policy: identity
              properties: {sync.group.offsets.enabled: "{{(syncGroupOffsets ? "true" : "false")}}"}
            """);
        var ledger = new Ledger();
        ledger.For("events", 0, 0).Acknowledged(0, 0, Records);
        var committed = groups.ToDictionary(g => (g, "events", 0), _ => 50L);
        var checkpoints = new Dictionary<(string, string, int), Checkpoint> { [("app", "events", 0)] = new Checkpoint("app", "events", 0, 50, 40, "") };
        var events = new List<string>();

        var results = await SwitchoverRehearsal.RunAsync(scenario, bootstrap, RunId, ledger, committed, checkpoints,
            new Dictionary<(string, int), long> { [("events", 0)] = Records }, TimeSpan.FromSeconds(60), events.Add, TimeProvider.System, CancellationToken.None);

        events.Should().HaveCount(groups.Length).And.OnlyContain(e => e.StartsWith("switchover ", StringComparison.Ordinal));
        return results;
    }

    /// <summary>A one-broker target whose events/0 holds sequences 0-99 of stream events/0/0 at offsets 0-99.</summary>
    private static async Task<EmbeddedCluster> TargetAsync()
    {
        var target = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = 1 });
        target.CreateTopic("events", 1);
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = target.BootstrapServers, EnableIdempotence = true }).Build();
        for (var s = 0; s < Records; s++)
        {
            var value = BitConverter.GetBytes(s);
            var stamp = new RecordStamp(RunId, 0, 0, 0, s, 1_700_000_000_000 + s, RecordStamp.HashContent([], value));
            await producer.ProduceAsync(new TopicPartition("events", 0), new Message<byte[]?, byte[]?>
            {
                Value = value,
                Headers = new Headers { { RecordStamp.HeaderKey, stamp.Encode() } },
            });
        }

        return target;
    }

    private static async Task CommitOnTargetAsync(string bootstrap, string group, long offset)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets(group, [new TopicPartitionOffset("events", 0, offset)])]);
    }

    private static async Task<List<long>> CommittedOnTargetAsync(string bootstrap, string group)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)]);
        return listed.SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0).Select(p => p.Offset.Value).ToList();
    }
}
