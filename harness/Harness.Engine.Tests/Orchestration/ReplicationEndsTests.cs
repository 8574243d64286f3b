using Harness.Engine.Load;
using Harness.Engine.Orchestration;
using Harness.Engine.Tests.Scenarios;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>
/// The ends the drain waits for and the lag chart plots: committed records for a transactional source, the copied
/// source end for a compacted target, high watermarks for anything else.
/// </summary>
public sealed class ReplicationEndsTests
{
    private static readonly Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> Watermarks =
        () => Task.FromResult((
            new Dictionary<(string Topic, int Partition), long> { [("txn", 0)] = 130, [("table", 0)] = 500, [("plain", 0)] = 50 },
            new Dictionary<(string Topic, int Partition), long> { [("txn", 0)] = 100, [("table", 0)] = 320, [("plain", 0)] = 40 }));

    [Test]
    public async Task Transactional_sources_end_at_their_committed_records_and_compacted_targets_at_the_source_offset_copied()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - {name: txn, partitions: 1, rate: 100, records: 10, producer: {transactional: true}}
              - {name: table, partitions: 1, rate: 100, records: 10, keys: {dist: uniform, count: 10}, configs: {cleanup.policy: compact}}
              - {name: plain, partitions: 1, rate: 100, records: 10}
            replicator: {kind: builtin, policy: identity}
            """);
        var ledger = new Ledger();
        ledger.For("txn", 0, 0).Acknowledged(0, 0, 120);
        ledger.For("txn", 0, 0).Aborted(100, 120);
        using var verifier = new StreamingVerifier(
            [new VerifiedTopic("txn", "txn", 1), new VerifiedTopic("table", "table", 1, Compacted: true), new VerifiedTopic("plain", "plain", 1)],
            ledger, 1, "127.0.0.1:1", new LatencyRecorder());

        var (source, target) = await ReplicationEnds.Over(Watermarks, ReplicationEnds.For(scenario, ledger, verifier))();

        source.Should().Equal(new Dictionary<(string, int), long> { [("txn", 0)] = 100, [("table", 0)] = 500, [("plain", 0)] = 50 });
        target.Should().Equal(new Dictionary<(string, int), long> { [("txn", 0)] = 100, [("table", 0)] = 0, [("plain", 0)] = 40 },
            "nothing of table was read on the target yet, so none of its source offsets is copied");
    }

    [Test]
    public void Plain_topics_keep_their_watermarks()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - {name: plain, partitions: 1, rate: 100, records: 10}
            """);

        ReplicationEnds.For(scenario, new Ledger(), null).Should().BeNull();
        ReplicationEnds.Over(Watermarks, null).Should().BeSameAs(Watermarks);
    }
}
