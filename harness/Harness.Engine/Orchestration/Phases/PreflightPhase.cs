using Harness.Engine.Runs;
using Harness.Engine.Safety.Preflight;

namespace Harness.Engine.Orchestration;

/// <summary>
/// The pre-flight checks, before anything is created: broker API support, config and ACL differences, and whether the
/// run's principals may read and write its topics. A denied probe on a cluster the harness did not start refuses the
/// run (exit 3); on embedded clusters, where they cost a few describe requests, the findings are only reported.
/// </summary>
internal sealed class PreflightPhase : IRunPhase
{
    public string Name => "pre-flight";

    public bool AppliesTo(RunContext run) =>
        !run.Options.SkipPreflightOnOwnClusters
        || !run.Scenario.Clusters.Source.Capabilities.StartedByHarness
        || !run.Scenario.Clusters.Target.Capabilities.StartedByHarness;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var report = run.Preflight = await PreflightCheck.RunAsync(run.Scenario, [.. run.Topics.Select(t => (t.Source, t.Target))], run.SourceEndpoint, run.TargetEndpoint)
            .ConfigureAwait(false);
        var clusters = run.Scenario.Clusters;
        if (!clusters.Source.Capabilities.StartedByHarness || !clusters.Target.Capabilities.StartedByHarness)
        {
            foreach (var line in PreflightLines.Format(report))
            {
                run.Progress.Event(line);
            }
        }

        if (report.Refusal is not null)
        {
            throw new HarnessException(report.Refusal, ExitCodes.Environment);
        }
    }
}
