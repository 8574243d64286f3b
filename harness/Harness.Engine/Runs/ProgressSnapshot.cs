namespace Harness.Engine.Runs;

/// <summary>What the terminal shows: phase, produced, replicated, lag and faults.</summary>
public sealed record ProgressSnapshot(string Phase, TimeSpan Elapsed, long Planned, long Produced, long Replicated, long Lag, int FaultsActive, int FaultsDone);
