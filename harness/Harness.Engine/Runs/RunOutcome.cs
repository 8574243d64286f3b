using Harness.Reports.Model;

namespace Harness.Engine.Runs;

/// <summary>The result of a run, where its files are, and the exit code it maps to.</summary>
public sealed record RunOutcome(RunResult Result, string RunDirectory, int ExitCode);
