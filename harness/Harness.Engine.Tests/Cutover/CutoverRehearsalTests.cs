using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Engine.Runs;
using Harness.Engine.Tests.Chaos;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Cutover;

/// <summary>
/// Whole cut-over rehearsals on embedded clusters with the built-in replicator: the two ready scenarios reach the
/// verdicts they declare, and each new finding is counted exactly when it is provoked.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class CutoverRehearsalTests
{
    private const string Topics = """
        topics:
          - {name: orders, partitions: 3, rate: 300, records: 300, size: 100}
          - {name: background, partitions: 1, rate: 200, records: 400, size: 100}
        replicator:
          kind: builtin
          policy: identity
          properties: {emit.checkpoints.interval.seconds: "1", refresh.groups.interval.seconds: "1"}

        """;

    [TestCase("cutover-drain.yaml")]
    [TestCase("cutover-hot.yaml")]
    public async Task A_ready_cutover_scenario_reaches_the_verdict_it_declares(string file)
    {
        var path = Path.Combine(CutoverScenarioTests.RepositoryRoot(), "scenarios", file);
        var scenario = ScenarioLoader.LoadFile(path);

        var outcome = await RehearsalRunner.RunAsync(await File.ReadAllTextAsync(path));
        var result = outcome.Result;
        Print(result);

        var billing = result.Apps.Single(a => a.Name == "billing");
        billing.ConsumersOn.Should().Be("target");
        result.Apps.Single(a => a.Name == "orders-service").ProducersOn.Should().Be("target");
        result.Cutover.Should().HaveCount(3).And.OnlyContain(s => s.StartSeconds != null);
        result.TimeSeries.Markers.Should().Contain(m => m.Label.StartsWith("cut-over moveProducers", StringComparison.Ordinal));
        if (scenario.ExpectsFailure)
        {
            outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
            ShouldShowTheHotTail(result, billing);
            result.Checks.Single(c => c.Name == "app billing: no key reordered").Passed.Should().BeFalse();
        }
        else
        {
            result.Checks.Where(c => !c.Passed).Should().BeEmpty();
            outcome.ExitCode.Should().Be(ExitCodes.Passed);
            billing.Missing.Should().Be(0);
            billing.KeysReordered.Should().Be(0);
            result.Apps.Single(a => a.Name == "orders-service").ProducedOnTarget.Should().BeGreaterThan(0);
            billing.ConsumedOnTarget.Should().BeGreaterThan(0);
            result.Apps.Single(a => a.Name == "orders-service").PauseSeconds.Should().BePositive();
        }
    }

    [Test]
    public async Task Consumers_moved_to_the_latest_offsets_miss_exactly_what_they_had_not_read()
    {
        // One member processing one record per 1000 s reads exactly one record on the source before it moves.
        var outcome = await RehearsalRunner.RunAsync("name: latest\nseed: 3\n" + Topics + """
            apps:
              - name: svc
                producers: {topics: [orders], keys: 10}
              - name: slow
                consumers: {group: slow, members: 1, rate: 0.001, commitInterval: 200ms}
            cutover:
              - {after: 2s, whenLag: 0, whenCheckpointed: slow, moveConsumers: {apps: [slow], start: latest}}
            """);
        var slow = outcome.Result.Apps.Single(a => a.Name == "slow");
        Print(outcome.Result);

        slow.Consumed.Should().Be(1);
        slow.Missing.Should().Be(299);
        outcome.Result.Checks.Single(c => c.Name == "app slow: every record consumed").Passed.Should().BeFalse();
    }

    [Test]
    public async Task A_straggler_after_the_move_grows_the_source_by_exactly_what_it_wrote()
    {
        var outcome = await RehearsalRunner.RunAsync("name: straggler\nseed: 4\n" + Topics.Replace("rate: 300, records: 300", "rate: 100, duration: 12s", StringComparison.Ordinal) + """
            apps:
              - name: svc
                producers: {topics: [orders], keys: 10}
              - name: reader
                consumers: {group: reader}
            cutover:
              - {after: 1s, whenLag: 0, moveConsumers: {apps: [reader], start: earliest}}
              - {after: 2s, moveProducers: {apps: [svc], strategy: hot}}
            faults:
              - {at: 1s, stragglerProducer: {app: svc, rate: 50, records: 37}}
            expect: {drainWithin: 20s}
            """);
        Print(outcome.Result);

        var check = outcome.Result.Checks.Single(c => c.Name == "cut-over: no writes to the source after the producers moved");
        check.Passed.Should().BeFalse();
        check.Measured.Should().StartWith("source end offsets of the app topics grew by 37 (37 straggler records)");
        outcome.Result.Apps.Single(a => a.Name == "reader").Missing.Should().Be(0, "the stragglers are counted as source growth, not as the app's stream");
    }

    [Test]
    public async Task A_rolling_restart_on_the_target_rebalances_without_losing_a_record()
    {
        var outcome = await RehearsalRunner.RunAsync("name: rolling\nseed: 5\n" + Topics.Replace("rate: 300, records: 300", "rate: 100, duration: 8s", StringComparison.Ordinal) + """
            apps:
              - name: svc
                producers: {topics: [orders], keys: 10}
              - name: reader
                consumers: {group: reader, members: 3, commitInterval: 200ms, assignor: cooperative-sticky}
            cutover:
              - {after: 1s, whenCheckpointed: reader, moveConsumers: {apps: [reader], start: translated}}
            faults:
              - {at: 1s after moveConsumers, rollingRestart: {app: reader, every: 500ms}}
            """);
        Print(outcome.Result);

        var restart = outcome.Result.Faults.Should().ContainSingle(f => f.Kind == "rollingRestart").Subject;
        restart.EndSeconds.Should().NotBeNull();
        restart.StartSeconds.Should().BeGreaterThanOrEqualTo(outcome.Result.Cutover.Single().EndSeconds!.Value + 1, "the restart is anchored a second after the move");
        var reader = outcome.Result.Apps.Single(a => a.Name == "reader");
        reader.ConsumersOn.Should().Be("target");
        reader.Missing.Should().Be(0);
        reader.KeysReordered.Should().Be(0);
    }

    /// <summary>
    /// The hot move's finding: the tail of every one of the 20 keys arrived behind newer records. Every record of the
    /// tail the paused replicator still owed arrived behind a newer record of its key: it is counted reordered, unless
    /// billing had read it on the source before it moved (a replicator slow to start leaves such records in the tail),
    /// when it is a re-read across the move instead.
    /// </summary>
    internal static void ShouldShowTheHotTail(RunResult result, AppReport billing)
    {
        billing.KeysReordered.Should().Be(20, "the tail of every one of the 20 keys arrived behind newer records");
        var move = result.Cutover.Single(s => s.Action.StartsWith("moveProducers", StringComparison.Ordinal)).Detail;
        var tail = long.Parse(Regex.Match(move, @"replication ([0-9,]+) behind").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        tail.Should().BeGreaterThanOrEqualTo(400, "the move waits until the paused replicator owes at least 400 records");
        billing.Reordered.Should().BePositive().And.BeLessThanOrEqualTo(tail);
        (billing.Reordered + billing.DuplicatesAcrossMove).Should().BeGreaterThanOrEqualTo(tail);

        // The pause is anchored to the consumers' move and outlasts the hot move, whenever the checkpoints let it run.
        var consumersMoved = result.Cutover.Single(s => s.Action.StartsWith("moveConsumers", StringComparison.Ordinal)).EndSeconds!.Value;
        var producersMoved = result.Cutover.Single(s => s.Action.StartsWith("moveProducers", StringComparison.Ordinal)).EndSeconds!.Value;
        var pause = result.Faults.Single(f => f.Kind == "pauseReplicator");
        pause.StartSeconds.Should().BeInRange(consumersMoved, consumersMoved + 1);
        pause.EndSeconds.Should().BeGreaterThan(producersMoved);
    }

    internal static void Print(RunResult result)
    {
        foreach (var check in result.Checks)
        {
            TestContext.Out.WriteLine($"{(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Measured} {check.Message}");
        }

        foreach (var step in result.Cutover)
        {
            TestContext.Out.WriteLine($"step {step.Action} [{step.Trigger}] {step.StartSeconds:0.0}-{step.EndSeconds:0.0}s {step.Completed}: {step.Detail}");
        }

        foreach (var app in result.Apps)
        {
            TestContext.Out.WriteLine($"app {app.Name}: produced {app.Produced} ({app.ProducedOnTarget} on target), consumed {app.Consumed} ({app.ConsumedOnTarget} on target), " +
                $"missing {app.Missing}, re-read {app.ReRead} ({app.DuplicatesAcrossMove} across), reordered {app.Reordered} in {app.KeysReordered} keys, pause {app.PauseSeconds:0.00}s, max latency {app.MaxLatencyMs} ms, " +
                $"offsets moved under the group {app.OffsetsMovedUnderGroup?.ToString(CultureInfo.InvariantCulture) ?? "-"}, translated behind the end {app.TranslatedBehindEnd?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        }
    }
}
