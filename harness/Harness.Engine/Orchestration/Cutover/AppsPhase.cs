using Harness.Engine.Apps;

namespace Harness.Engine.Orchestration;

/// <summary>Starts the live apps on the source, and the cut-over timeline, right before the load.</summary>
internal sealed class AppsPhase : IRunPhase
{
    public string Name => "apps";

    public bool AppliesTo(RunContext run) => run.Scenario.Apps.Count > 0;

    public Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var apps = run.Own(new AppHost(run.Scenario, run.Topics, run.RunId, run.SourceEndpoint, run.TargetEndpoint, run.Time));
        run.Apps = apps;
        apps.Start();
        if (run.Scenario.Cutover.Count > 0)
        {
            var timeline = run.Timeline = new CutoverTimeline(run, apps);
            run.TimelineRun = timeline.RunAsync(cancellation);
        }

        return Task.CompletedTask;
    }
}
