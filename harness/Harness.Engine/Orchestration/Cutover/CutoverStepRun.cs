using Harness.Engine.Scenarios;

namespace Harness.Engine.Orchestration;

/// <summary>One step as it ran, in run seconds.</summary>
internal sealed record CutoverStepRun(CutoverStep Step, double? Start, double? End, bool Completed, string Detail);
