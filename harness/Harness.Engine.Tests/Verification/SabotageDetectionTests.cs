using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;
using Harness.Testing;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// A harness that never fails proves nothing: each defect class is injected by the replicator's sabotage
/// switch and must be found with its exact count.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class SabotageDetectionTests
{
    private const int Records = 10_500; // 10 multiples of 1000, each followed by more records of its partition

    [TestCase("drop.every", "value", AnomalyClass.Lost, "no records lost")]
    [TestCase("duplicate.every", "value", AnomalyClass.Duplicated, "duplicates within bound")]
    [TestCase("reorder.every", "value", AnomalyClass.Reordered, "no records reordered")]
    [TestCase("corrupt.value.every", "value", AnomalyClass.Corrupted, "no records corrupted")]
    [TestCase("corrupt.value.every", "header", AnomalyClass.Corrupted, "no records corrupted")]
    [TestCase("corrupt.header.every", "header", AnomalyClass.Corrupted, "no records corrupted")]
    [TestCase("misroute.every", "value", AnomalyClass.Misrouted, "no records misrouted")]
    public async Task Every_1000th_record_sabotaged_is_found_exactly_10_times(string sabotage, string stamp, AnomalyClass anomaly, string check)
    {
        var outcome = await RehearseAsync($"--set harness.sabotage.{sabotage}=1000", stamp: stamp);

        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        outcome.Result.Verdict.Should().Be(Verdict.Failed);
        var parity = outcome.Result.Parity;
        Count(parity, anomaly).Should().Be(10);
        foreach (var other in Enum.GetValues<AnomalyClass>().Where(c => c != anomaly))
        {
            Count(parity, other).Should().Be(0, $"only {anomaly} was injected, so no {other} may be reported");
        }

        outcome.Result.Checks.Single(c => c.Name == check).Passed.Should().BeFalse();
        outcome.Result.Anomalies.Should().Contain(a => a.Class == anomaly && (anomaly == AnomalyClass.Lost ? a.SourceOffset != null : a.TargetOffset != null));
    }

    [Test]
    public async Task Checkpoints_written_ahead_of_the_true_offset_fail_translation_for_every_partition()
    {
        // 4000 ahead, for the reason given in the next test.
        var outcome = await RehearseAsync(
            "--set harness.sabotage.checkpoints.ahead.by=4000 --set emit.checkpoints.interval.seconds=1 --set refresh.groups.interval.seconds=1",
            "consumers:\n  - {group: app, topics: [events], progress: 50%}\n");

        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        var rows = outcome.Result.OffsetTranslation;
        rows.Should().HaveCount(2).And.OnlyContain(r => r.Translated != null && r.Ahead);
        var check = outcome.Result.Checks.Single(c => c.Name == "translated offsets never ahead");
        check.Passed.Should().BeFalse();
        check.Measured.Should().StartWith("2 partitions ahead");
        outcome.Result.Parity.Sum(p => p.Lost + p.Duplicated + p.Reordered + p.Corrupted + p.Misrouted).Should().Be(0, "only the checkpoints were sabotaged");
    }

    [Test]
    public async Task Checkpoints_written_ahead_make_the_switched_over_consumer_miss_exactly_the_records_it_skips()
    {
        // 4000 ahead: only a checkpoint past the committed offset skips anything, and a 50% group's honest
        // translation lags its offset by as much as MM2's slots make it, up to the whole offset (about 2625 here)
        // when the first sync is the only one kept before it. More than that is ahead whatever the slots keep.
        var outcome = await RehearseAsync(
            "--set harness.sabotage.checkpoints.ahead.by=4000 --set emit.checkpoints.interval.seconds=1 --set refresh.groups.interval.seconds=1",
            "consumers:\n  - {group: app, topics: [events], progress: 50%}\n");

        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        var switchover = outcome.Result.Switchover.Should().ContainSingle().Subject;
        switchover.StartSource.Should().Be(SwitchoverStartSource.Checkpoint);
        switchover.Complete.Should().BeTrue();
        outcome.Result.OffsetTranslation.Should().HaveCount(2);
        foreach (var row in outcome.Result.OffsetTranslation)
        {
            // Identity names and a clean copy put every record at its source offset on the target, so a consumer
            // started at the checkpoint skips exactly the records from the committed offset up to the checkpoint
            // (or the end), and reads again exactly those from the checkpoint up to the committed offset.
            var end = outcome.Result.Parity.Single(p => p.Partition == row.Partition).Produced;
            var translated = row.Translated!.Value;
            var partition = switchover.Partitions.Single(p => p.Partition == row.Partition);
            partition.StartOffset.Should().Be(translated);
            partition.Unconsumed.Should().Be(end - row.SourceCommitted);
            partition.Missing.Should().Be(Math.Max(0, Math.Min(translated, end) - row.SourceCommitted));
            partition.ReRead.Should().Be(Math.Max(0, row.SourceCommitted - translated));
        }

        switchover.Missing.Should().BePositive();
        var check = outcome.Result.Checks.Single(c => c.Name == "switchover app");
        check.Passed.Should().BeFalse();
        check.Measured.Should().StartWith($"{switchover.Missing:N0} missing of {switchover.Unconsumed:N0} unconsumed, {switchover.ReRead:N0} re-read");
        outcome.Result.Checks.Single(c => c.Name == "translated offsets never ahead").Measured.Should().EndWith(
            $", {switchover.Missing} records would be skipped", "the offset map predicts what the consumer then missed");
    }

    [Test]
    public async Task A_clean_replicator_switches_every_group_over_without_a_missing_record()
    {
        var outcome = await RehearseAsync(
            "--set emit.checkpoints.interval.seconds=1 --set refresh.groups.interval.seconds=1",
            "consumers:\n  - {group: app, topics: [events], progress: 50%}\n  - {group: done, topics: [events], progress: 100%}\n");

        outcome.Result.Switchover.Select(s => s.Group).Should().Equal("app", "done");
        foreach (var group in outcome.Result.Switchover)
        {
            group.Missing.Should().Be(0);
            group.Complete.Should().BeTrue();
            group.ConsumerGroupId.Should().Be("harness-switchover-" + group.Group);
            group.Partitions.Should().HaveCount(2).And.OnlyContain(p => p.StartSource == SwitchoverStartSource.Checkpoint);
            foreach (var row in outcome.Result.OffsetTranslation.Where(r => r.Group == group.Group))
            {
                // What the consumer read again is what the translation sent it back: the re-delivery the map predicts.
                group.Partitions.Single(p => p.Partition == row.Partition).ReRead.Should().Be(row.Redelivery);
            }

            // Missing is 0, so the check stands or falls with the caught-up re-delivery, as the translation check does.
            var worstCaughtUp = group.Partitions.Where(p => p.Unconsumed == 0).Select(p => p.ReRead).DefaultIfEmpty(0).Max();
            outcome.Result.Checks.Single(c => c.Name == "switchover " + group.Group).Passed
                .Should().Be(worstCaughtUp <= OffsetTranslationExpectation.DefaultMaxRedelivery);
        }

        var app = outcome.Result.Switchover[0];
        app.Unconsumed.Should().Be(Records - app.Partitions.Sum(p => p.SourceCommitted));
        outcome.Result.Checks.Single(c => c.Name == "switchover app").Passed.Should().BeTrue("a lagging group is not bound by offset.lag.max");
        outcome.Result.Switchover[1].Unconsumed.Should().Be(0);
        outcome.Result.Checks.Where(c => !c.Passed).Select(c => c.Name).Should().BeSubsetOf(
            ["re-delivery of caught-up groups within bound", "switchover done"],
            "only a caught-up group's re-delivery depends on how recent the replicator's last offset sync was at checkpoint time");
    }

    [Test]
    public async Task A_clean_replicator_gives_all_zeros_and_passes()
    {
        var outcome = await RehearseAsync("");

        outcome.ExitCode.Should().Be(ExitCodes.Passed, string.Join("; ", outcome.Result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        foreach (var anomaly in Enum.GetValues<AnomalyClass>())
        {
            Count(outcome.Result.Parity, anomaly).Should().Be(0);
        }

        outcome.Result.Parity.Sum(p => p.Produced).Should().Be(Records);
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(Records);
    }

    private static long Count(IReadOnlyList<PartitionParity> parity, AnomalyClass anomaly) => anomaly switch
    {
        AnomalyClass.Lost => parity.Sum(p => p.Lost),
        AnomalyClass.Duplicated => parity.Sum(p => p.Duplicated),
        AnomalyClass.Reordered => parity.Sum(p => p.Reordered),
        AnomalyClass.Corrupted => parity.Sum(p => p.Corrupted),
        AnomalyClass.Misrouted => parity.Sum(p => p.Misrouted),
        AnomalyClass.AbortedCopied => parity.Sum(p => p.AbortedCopied),
        AnomalyClass.KeyLost => parity.Sum(p => p.KeysLost),
        AnomalyClass.StaleKey => parity.Sum(p => p.StaleKeys),
        AnomalyClass.KeyReordered => parity.Sum(p => p.KeysReordered),
        _ => parity.Sum(p => p.Unexpected),
    };

    private static async Task<RunOutcome> RehearseAsync(string replicatorArguments, string consumers = "", string stamp = "value")
    {
        var replicator = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");
        using var directory = TempFolder.Create("harness-sabotage-");
        var yaml = $$"""
            name: sabotage
            seed: 3
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - name: events
                partitions: 2
                rate: 20000
                records: {{Records}}
                size: 100
                stamp: {{stamp}}
            replicator:
              kind: command
              policy: identity
              run: "dotnet '{{replicator}}' --from-env --state-dir state {{replicatorArguments}}"
              grace: 5s
            {{consumers}}expect:
              drainWithin: 10s
            """;
        var file = Path.Combine(directory.FullName, "sabotage.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var scenario = ScenarioLoader.LoadFile(file);
        return await new RunOrchestrator().RunAsync(scenario, new RunOptions { OutputRoot = Path.Combine(directory.FullName, "runs") }, CancellationToken.None);
    }
}
