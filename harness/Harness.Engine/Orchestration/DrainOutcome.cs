namespace Harness.Engine.Orchestration;

/// <summary>How the drain phase ended.</summary>
internal sealed record DrainOutcome(bool Drained, long Lag, TimeSpan Elapsed, string Reason);
