using Harness.Engine.Load;
using Harness.Engine.Orchestration;
using Harness.Engine.Tests.Scenarios;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>The drain's source ends: a transactional topic's are its committed records, any other topic's its high watermarks.</summary>
public sealed class CommittedEndsTests
{
    private static readonly Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> Watermarks =
        () => Task.FromResult((
            new Dictionary<(string Topic, int Partition), long> { [("txn", 0)] = 120, [("txn", 1)] = 9, [("plain", 0)] = 50 },
            new Dictionary<(string Topic, int Partition), long> { [("txn", 0)] = 90, [("txn", 1)] = 0, [("plain", 0)] = 50 }));

    [Test]
    public async Task A_transactional_partition_ends_at_its_committed_records_of_every_producer()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - {name: txn, partitions: 2, rate: 100, records: 10, producers: 2, producer: {transactional: true}}
              - {name: plain, partitions: 1, rate: 100, records: 10}
            """);
        var ledger = new Ledger();
        ledger.For("txn", 0, 0).Acknowledged(0, 0, 60);
        ledger.For("txn", 0, 1).Acknowledged(0, 61, 40);
        ledger.For("txn", 0, 1).Aborted(20, 40);

        var (source, target) = await CommittedEnds.Over(Watermarks, scenario, ledger)();

        source.Should().Equal(new Dictionary<(string, int), long> { [("txn", 0)] = 80, [("txn", 1)] = 0, [("plain", 0)] = 50 });
        target[("txn", 0)].Should().Be(90, "the target's ends are read as they are");
    }

    [Test]
    public void Without_a_transactional_topic_the_watermarks_are_read_as_they_are()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - {name: plain, partitions: 1, rate: 100, records: 10}
            """);

        CommittedEnds.Over(Watermarks, scenario, new Ledger()).Should().BeSameAs(Watermarks);
    }
}
