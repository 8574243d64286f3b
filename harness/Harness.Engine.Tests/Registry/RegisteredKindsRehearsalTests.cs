using Harness.Engine.Chaos;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;
using Harness.Testing;

namespace Harness.Engine.Tests.Registry;

/// <summary>
/// A cluster backend and a replicator driver that live in this test project run a whole rehearsal through the
/// engine's registries: the engine learns them from one registration each and asks only their capabilities.
/// </summary>
[Category("Integration")]
public sealed class RegisteredKindsRehearsalTests
{
    private static string Scenario(string replicatorKeys) => $$"""
        name: registered kinds
        seed: 3
        clusters:
          source: {kind: stand-in, name: old}
          target: {kind: stand-in, name: new}
        topics:
          - name: payments
            partitions: 3
            rate: 2000
            records: 6000
            size: 300
        replicator:
          kind: copier
          policy: identity
        {{replicatorKeys}}
        expect:
          drainWithin: 30s
        """;

    [Test]
    public async Task A_stand_in_backend_and_driver_registered_from_a_test_run_a_passing_rehearsal()
    {
        var backend = new StandInClusterBackend();
        var registry = HarnessRegistry.Default.With(backend).With(new CopyingReplicatorDriver());

        var outcome = await RunAsync(registry, Scenario(""));

        outcome.Result.Verdict.Should().Be(Verdict.Passed, outcome.Result.ErrorMessage ?? string.Join("; ", outcome.Result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        outcome.ExitCode.Should().Be(ExitCodes.Passed);
        backend.Started.Should().Equal("source:old", "target:new");
        outcome.Result.Environment.SourceClusterBackend.Should().Be("stand-in");
        outcome.Result.Environment.ReplicatorKind.Should().Be("copier");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(6000);
    }

    [Test]
    public async Task The_same_run_fails_when_the_registered_replicator_drops_records()
    {
        var registry = HarnessRegistry.Default.With(new StandInClusterBackend()).With(new CopyingReplicatorDriver());

        var outcome = await RunAsync(registry, Scenario("  dropEvery: 100"));

        outcome.Result.Verdict.Should().Be(Verdict.Failed);
        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        outcome.Result.Parity.Sum(p => p.Lost).Should().Be(60);
    }

    [Test]
    public void A_fault_the_registered_kinds_cannot_perform_is_refused_by_capability()
    {
        var registry = HarnessRegistry.Default.With(new StandInClusterBackend()).With(new CopyingReplicatorDriver());
        var yaml = Scenario("")
            + "\nfaults:\n  - {at: 1s, for: 1s, killBroker: {side: source, broker: 1}}\n  - {at: 1s, killReplicator: {}}\n  - {at: 1s, heapPressure: {limitMiB: 64}}\n";

        var scenario = ScenarioLoader.Parse(yaml, "test.yaml", registry);
        var errors = FluentActions.Invoking(() => FaultPlan.Validate(scenario)).Should().Throw<ScenarioException>().Which.Errors.Select(e => e.Problem).ToList();

        errors.Should().Contain(e => e.Contains("the source cluster is a stand-in and cannot inject broker faults", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("replicator kind copier cannot be killed, paused or restarted", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("replicator kind copier has none", StringComparison.Ordinal));
    }

    private static async Task<RunOutcome> RunAsync(HarnessRegistry registry, string yaml)
    {
        using var directory = TempFolder.Create("harness-registered-");
        var file = Path.Combine(directory.FullName, "scenario.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var scenario = ScenarioLoader.LoadFile(file, registry);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await new RunOrchestrator(registry: registry).RunAsync(scenario, new RunOptions { OutputRoot = Path.Combine(directory.FullName, "runs") }, timeout.Token);
    }
}
