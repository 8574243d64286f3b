using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Runs;
using Harness.Engine.Tests.Replicators;
using Harness.Testing;

namespace Harness.Engine.Tests.Cutover;

/// <summary>
/// The two ready cut-over scenarios on the stand-ins for other replicators: <c>command</c> running the built-in
/// replicator on the run's MM2 properties, and <c>mm2</c> on a stand-in Kafka distribution. The harness knows them
/// only as processes, so a drain stops the process and the hot scenario's pause is a SIGSTOP; the verdicts must be
/// the ones the scenarios declare. cutover-drain is shortened (a 7 s load, the steps brought forward, a shorter kill).
/// </summary>
[Category("Integration")]
public sealed class CutoverStandInTests
{
    private static readonly string ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");

    [TestCase("cutover-drain.yaml", "command")]
    [TestCase("cutover-drain.yaml", "mm2")]
    [TestCase("cutover-hot.yaml", "command")]
    [TestCase("cutover-hot.yaml", "mm2")]
    public async Task A_ready_cutover_scenario_reaches_its_verdict_on_a_stand_in(string file, string kind)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(CutoverScenarioTests.RepositoryRoot(), "scenarios", file));
        yaml = Shorten(yaml, file);
        var registry = HarnessRegistry.Default.With(new Mm2ReplicatorDriver(_ => null));
        using var home = kind == "mm2" ? KafkaDistributionStandIn.Build(ReplicatorAssembly) : null;
        using var folder = TempFolder.Create("harness-cutover-" + kind + "-");
        yaml = yaml.Replace("  kind: builtin\n", kind == "command"
            ? $"  kind: command\n  run: \"exec dotnet '{ReplicatorAssembly}' --config \\\"$HARNESS_MM2_PROPERTIES\\\" --state-dir state\"\n  grace: 5s\n"
            : $"  kind: mm2\n  kafkaHome: '{home!.FullName}'\n", StringComparison.Ordinal);
        var scenario = ScenarioLoader.Parse(yaml, file, registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);
        var result = outcome.Result;
        CutoverRehearsalTests.Print(result);

        result.Environment.ReplicatorKind.Should().Be(kind);
        var billing = result.Apps.Single(a => a.Name == "billing");
        billing.ConsumersOn.Should().Be("target");
        result.Apps.Single(a => a.Name == "orders-service").ProducersOn.Should().Be("target");
        if (scenario.ExpectsFailure)
        {
            outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
            CutoverRehearsalTests.ShouldShowTheHotTail(result, billing);
        }
        else
        {
            StandInRehearsals.ShouldPass(outcome, folder);
            billing.Missing.Should().Be(0);
            billing.KeysReordered.Should().Be(0);
            result.Cutover.Single(s => s.Action.StartsWith("moveProducers", StringComparison.Ordinal)).Detail.Should().Contain("lag 0; replicator stopped");
        }
    }

    /// <summary>cutover-drain with a 7 s load; cutover-hot as it is (its 6 s pause must outlast the hot move).</summary>
    private static string Shorten(string yaml, string file) => file != "cutover-drain.yaml" ? yaml : yaml
        .Replace("duration: 12s", "duration: 7s", StringComparison.Ordinal)
        .Replace("records: 1000", "records: 500", StringComparison.Ordinal)
        .Replace("  - after: 6s\n    deadline: 20s", "  - after: 4s\n    deadline: 20s", StringComparison.Ordinal)
        .Replace("  - after: 8s\n    stopReplicator", "  - after: 5s\n    stopReplicator", StringComparison.Ordinal)
        .Replace("    for: 3s", "    for: 2s", StringComparison.Ordinal);
}
