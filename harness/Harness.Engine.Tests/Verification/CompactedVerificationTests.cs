using System.Text;
using Harness.Engine.Runs;
using Harness.Engine.Tests.Chaos;
using Harness.Reports.Model;
using Harness.Testing;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// Compacted topics end to end: a replicator that never writes the latest record of some keys is caught with the
/// exact number of keys, a clean one passes with every key's latest record in place, and the ready compacted scenario
/// (compaction on both sides during the run, tombstones, a broker kill, a group translated across the gaps) passes with
/// the built-in replicator.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class CompactedVerificationTests
{
    private const int Records = 6_000;
    private const int DropLatestKeyEvery = 5;

    [Test]
    public async Task A_replicator_dropping_the_latest_record_of_every_5th_key_leaves_exactly_those_keys_lost_or_stale()
    {
        var yaml = Scenario($"{{harness.sabotage.drop.latest.key.every: \"{DropLatestKeyEvery}\"}}", drainWithin: "3s");
        var (keys, sabotaged) = ProducedKeys(yaml);

        var outcome = await RehearsalRunner.RunAsync(yaml);

        var result = outcome.Result;
        var parity = result.Parity;
        TestContext.Out.WriteLine($"keys {keys}, sabotaged {sabotaged}, keysLost {parity.Sum(p => p.KeysLost)}, staleKeys {parity.Sum(p => p.StaleKeys)}, compacted {parity.Sum(p => p.Compacted)}");
        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        sabotaged.Should().BeInRange(1, keys - 1, "the test needs keys on both sides of the sabotage");
        parity.Sum(p => p.Keys).Should().Be(keys);
        parity.Sum(p => p.KeysLost + p.StaleKeys).Should().Be(sabotaged, "every sabotaged key's latest record was dropped, and no other");
        parity.Sum(p => p.Produced).Should().Be(Records);
        parity.Sum(p => p.Compacted).Should().Be(Records - parity.Sum(p => p.Replicated) - sabotaged,
            "every other missing record is one its key superseded");
        parity.Sum(p => p.Lost + p.Duplicated + p.Reordered + p.Corrupted + p.Misrouted + p.Unexpected + p.KeysReordered)
            .Should().Be(0, "records were only held back and dropped, in order");
        var check = result.Checks.Single(c => c.Name == "every key's latest record replicated");
        check.Passed.Should().BeFalse();
        check.Measured.Should().StartWith($"{parity.Sum(p => p.KeysLost):N0} keys lost, {parity.Sum(p => p.StaleKeys):N0} stale of {keys:N0} keys");
        result.Checks.Where(c => !c.Passed).Select(c => c.Name).Should().BeSubsetOf(["every key's latest record replicated", "replication drained"],
            "a dropped latest record may be a partition's last, which the drain then waits for in vain");
        result.Anomalies.Where(a => a.Class is AnomalyClass.KeyLost or AnomalyClass.StaleKey).Should().HaveCount((int)Math.Min(10, sabotaged))
            .And.OnlyContain(a => a.SourceOffset != null && a.Detail.StartsWith("key-", StringComparison.Ordinal));
    }

    [Test]
    public async Task With_every_key_sent_once_each_dropped_latest_record_is_a_key_lost()
    {
        // Sequential keys: each key's only record is its latest, so every sabotaged key has nothing on the target.
        var yaml = Scenario($"{{harness.sabotage.drop.latest.key.every: \"{DropLatestKeyEvery}\"}}", drainWithin: "3s", keys: "sequential");
        var (keys, sabotaged) = ProducedKeys(yaml);

        var outcome = await RehearsalRunner.RunAsync(yaml);

        var parity = outcome.Result.Parity;
        TestContext.Out.WriteLine($"keys {keys}, sabotaged {sabotaged}, keysLost {parity.Sum(p => p.KeysLost)}, staleKeys {parity.Sum(p => p.StaleKeys)}");
        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        keys.Should().Be(Records);
        (parity.Sum(p => p.Keys), parity.Sum(p => p.KeysLost), parity.Sum(p => p.StaleKeys), parity.Sum(p => p.Compacted))
            .Should().Be((keys, sabotaged, 0L, 0L));
        parity.Sum(p => p.Replicated).Should().Be(Records - sabotaged);
        outcome.Result.Anomalies.Where(a => a.Class == AnomalyClass.KeyLost).Should().HaveCount(10)
            .And.OnlyContain(a => a.TargetOffset == null && a.Detail.Contains("which has no record of the key", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_clean_replicator_leaves_every_key_latest_record_on_the_target_and_passes()
    {
        var yaml = Scenario("{offset.flush.interval.ms: \"100\"}", drainWithin: "30s");
        var (keys, _) = ProducedKeys(yaml);

        var outcome = await RehearsalRunner.RunAsync(yaml);

        var result = outcome.Result;
        outcome.ExitCode.Should().Be(ExitCodes.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        result.Parity.Sum(p => p.Keys).Should().Be(keys);
        result.Parity.Sum(p => p.KeysLost + p.StaleKeys + p.KeysReordered + p.Compacted + p.Lost).Should().Be(0);
        result.Parity.Sum(p => p.Replicated).Should().Be(Records);
        result.Checks.Single(c => c.Name == "every key's latest record replicated").Measured.Should().Be($"0 keys lost, 0 stale of {keys:N0} keys (0 superseded records compacted)");
        result.TimeSeries.Samples[^1].LagRecords.Should().Be(0, "the copied end reached the source's end");
    }

    [Test]
    public async Task The_ready_compacted_scenario_passes_with_the_builtin_replicator()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "scenarios", "compacted.yaml"));

        var outcome = await RehearsalRunner.RunAsync(yaml);

        var result = outcome.Result;
        var parity = result.Parity;
        var faults = string.Join("; ", result.Faults.Select(f => $"{f.Kind} {f.Target}"));
        TestContext.Out.WriteLine($"produced {parity.Sum(p => p.Produced)}, replicated {parity.Sum(p => p.Replicated)}, compacted {parity.Sum(p => p.Compacted)}, keys {parity.Sum(p => p.Keys)}, duplicated {parity.Sum(p => p.Duplicated)}; {faults}");
        outcome.ExitCode.Should().Be(ExitCodes.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        parity.Sum(p => p.Produced).Should().Be(20_000);
        parity.Sum(p => p.KeysLost + p.StaleKeys + p.KeysReordered + p.Lost).Should().Be(0);
        parity.Sum(p => p.Compacted).Should().BePositive("the source was compacted while the replicator was paused");
        result.Faults.Select(f => f.Kind).Should().Contain(["compact", "killBroker"]);
        result.Faults.Where(f => f.Kind == "compact").Should().HaveCount(2).And.OnlyContain(f => !f.Target.StartsWith("source table: 0 ", StringComparison.Ordinal) && !f.Target.StartsWith("target table: 0 ", StringComparison.Ordinal));
        result.OffsetTranslation.Should().NotBeEmpty().And.OnlyContain(r => !r.Ahead);
    }

    /// <summary>The distinct keys the scenario's one producer sends, and how many of them the sabotage picks.</summary>
    private static (long Keys, long Sabotaged) ProducedKeys(string yaml)
    {
        var scenario = Harness.Engine.Tests.Scenarios.ScenarioText.Load(yaml);
        var sampler = scenario.Topics[0].CreateSampler(scenario.Seed ?? 1);
        var keys = Enumerable.Range(0, Records).Select(i => sampler.Sample(i).Key!).Distinct(StringComparer.Ordinal).ToList();
        return (keys.Count, keys.Count(k => Fnv1a(Encoding.UTF8.GetBytes(k)) % DropLatestKeyEvery == 0));
    }

    /// <summary>FNV-1a, 32 bits, written here from its definition so a shared mistake with the replicator's cannot hide.</summary>
    private static uint Fnv1a(byte[] bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    /// <summary>One producer and uniform keys, so every key is sent several times and never compacted before the replicator reads it.</summary>
    private static string Scenario(string properties, string drainWithin, string keys = "{dist: uniform, count: 300}") => $$"""
        name: compacted-sabotage
        seed: 7
        topics:
          - name: table
            partitions: 2
            rate: 20000
            records: {{Records}}
            size: 100
            keys: {{keys}}
            configs: {cleanup.policy: compact}
        replicator:
          kind: builtin
          policy: identity
          grace: 5s
          properties: {{properties}}
        expect:
          drainWithin: {{drainWithin}}
        """;
}
