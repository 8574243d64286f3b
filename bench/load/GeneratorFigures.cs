namespace Harness.Load.Bench;

/// <summary>
/// What the generator child (<see cref="GenerateChild"/>) prints for its measured run: wall time, its own CPU time
/// for that run alone, and the librdkafka files it had mapped, so the parent can tell which library it ran on.
/// </summary>
internal sealed record GeneratorFigures(double ElapsedSeconds, double CpuSeconds, IReadOnlyList<string> Libraries);
