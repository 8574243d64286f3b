namespace Harness.Engine.Runs;

/// <summary>What happened to one fault: when it started and recovered (seconds into the run) and notes.</summary>
public sealed record FaultRecord(string Id, string Kind, string Target, double? StartSeconds, double? EndSeconds, string Note);
