using Harness.Engine.Chaos;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Chaos;

/// <summary>A cut-over whose steps end at set run-clock times, and which finishes at a set time, for faults anchored to a step.</summary>
internal sealed class ScriptedCutover(RunClock clock, IReadOnlyDictionary<CutoverAction, double> endsAt, double finishesAt) : ICutoverProgress
{
    public bool Finished => clock.Elapsed.TotalSeconds >= finishesAt;

    public double? EndedSeconds(CutoverAction action) =>
        endsAt.TryGetValue(action, out var seconds) && clock.Elapsed.TotalSeconds >= seconds ? seconds : null;
}
