using Harness.Engine.Runs;
using Harness.Engine.Tests.Chaos;
using Harness.Reports.Model;
using Harness.Testing;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// Transactional load end to end: a replicator that copies aborted records is caught with their exact count, and the
/// ready transactional scenario (aborts and a source broker kill mid-transaction) passes with the built-in replicator.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class TransactionalVerificationTests
{
    private const int Records = 10_000;

    [Test]
    public async Task A_replicator_reading_uncommitted_copies_exactly_the_records_the_ledger_aborted()
    {
        // 100 transactions of 100 records, every 5th aborted: 2,000 aborted records the sabotaged replicator copies.
        var outcome = await RehearsalRunner.RunAsync(Scenario("{harness.sabotage.copy.aborted: \"true\"}"));

        var result = outcome.Result;
        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        var aborted = result.Parity.Sum(p => p.Aborted);
        TestContext.Out.WriteLine($"aborted {aborted}, abortedCopied {result.Parity.Sum(p => p.AbortedCopied)}, produced {result.Parity.Sum(p => p.Produced)}");
        aborted.Should().Be(2_000);
        result.Parity.Sum(p => p.AbortedCopied).Should().Be(aborted);
        result.Parity.Sum(p => p.Produced).Should().Be(Records - aborted);
        result.Parity.Sum(p => p.Replicated).Should().Be(Records - aborted);
        result.Parity.Sum(p => p.Lost + p.Duplicated + p.Reordered + p.Corrupted + p.Misrouted + p.Unexpected)
            .Should().Be(0, "only aborted records were copied, and each once");
        var check = result.Checks.Single(c => c.Name == "no aborted records copied");
        check.Passed.Should().BeFalse();
        check.Measured.Should().Be("2,000");
        result.Checks.Where(c => !c.Passed).Select(c => c.Name).Should().Equal("no aborted records copied");
        result.Anomalies.Where(a => a.Class == AnomalyClass.AbortedCopied).Should().HaveCount(10)
            .And.OnlyContain(a => a.TargetOffset != null && a.Sequence != null);
    }

    [Test]
    public async Task A_read_committed_replicator_copies_every_committed_record_and_no_aborted_one()
    {
        var outcome = await RehearsalRunner.RunAsync(Scenario("{offset.flush.interval.ms: \"100\"}"));

        var result = outcome.Result;
        outcome.ExitCode.Should().Be(ExitCodes.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        result.Parity.Sum(p => p.Aborted).Should().Be(2_000);
        result.Parity.Sum(p => p.AbortedCopied).Should().Be(0);
        result.Parity.Sum(p => p.Replicated).Should().Be(Records - 2_000);
        result.Checks.Single(c => c.Name == "no aborted records copied").Passed.Should().BeTrue();
        result.TimeSeries.Samples[^1].LagRecords.Should().Be(0,
            "the chart's lag is against the committed records, which the copy reaches; the high watermark also counts markers and aborted records");
    }

    [Test]
    public async Task The_ready_transactional_scenario_passes_with_the_builtin_replicator()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "scenarios", "transactional.yaml"));

        var outcome = await RehearsalRunner.RunAsync(yaml);

        var result = outcome.Result;
        // The incidents carry a crashed replicator's last log line, the one clue a CI run leaves (the run folder goes).
        outcome.ExitCode.Should().Be(ExitCodes.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")
            .Concat(result.Faults.Where(f => f.Kind.StartsWith("replicator", StringComparison.Ordinal)).Select(f => f.MeasuredEffect))));
        TestContext.Out.WriteLine($"aborted {result.Parity.Sum(p => p.Aborted)}, produced {result.Parity.Sum(p => p.Produced)}, duplicated {result.Parity.Sum(p => p.Duplicated)}");
        result.Parity.Sum(p => p.Aborted).Should().BePositive("every 5th transaction is aborted");
        result.Parity.Sum(p => p.Produced + p.Aborted).Should().Be(30_000, "every record was either committed or aborted");
        result.Parity.Sum(p => p.AbortedCopied + p.Lost).Should().Be(0);
        result.Faults.Should().Contain(f => f.Kind == "killBroker");
    }

    /// <summary>One producer, so the ledger's aborted count is exactly every 5th transaction of 100 records.</summary>
    private static string Scenario(string properties) => $$"""
        name: transactions
        seed: 3
        topics:
          - name: events
            partitions: 2
            rate: 20000
            records: {{Records}}
            size: 100
            producer: {transactional: true, transactionRecords: 100, abortEvery: 5}
        replicator:
          kind: builtin
          policy: identity
          grace: 5s
          properties: {{properties}}
        expect:
          drainWithin: 30s
        """;
}
