using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>The report's cut-over steps: those that ran, then those the run never reached.</summary>
internal static class CutoverReport
{
    public static List<CutoverStepReport> Build(Scenario scenario, CutoverTimeline? timeline)
    {
        var ran = timeline?.Steps ?? [];
        return [.. scenario.Cutover.Select((step, i) => i < ran.Count
            ? new CutoverStepReport { Action = CutoverTimeline.Name(step), Trigger = step.Trigger.ToString(), StartSeconds = ran[i].Start, EndSeconds = ran[i].End, Completed = ran[i].Completed, Detail = ran[i].Detail }
            : new CutoverStepReport { Action = CutoverTimeline.Name(step), Trigger = step.Trigger.ToString(), Detail = "not reached" })];
    }
}
