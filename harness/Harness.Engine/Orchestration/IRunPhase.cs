namespace Harness.Engine.Orchestration;

/// <summary>One step of a run over its <see cref="RunContext"/>; the phases run in the order of <see cref="RunPhases.All"/>.</summary>
internal interface IRunPhase
{
    /// <summary>The name the live view and the time series show.</summary>
    string Name { get; }

    /// <summary>Whether the run needs this phase (a scenario without consumer groups has no checkpoints to wait for).</summary>
    bool AppliesTo(RunContext run);

    /// <summary>Runs the phase; a <see cref="Runs.HarnessException"/> ends the run with its exit code and a report.</summary>
    Task RunAsync(RunContext run, CancellationToken cancellation);
}
