namespace Harness.Replicator.Bench;

/// <summary>One copy of the source topic into the target.</summary>
/// <param name="Copier">What copied: the kcat pipe or the replicator with N tasks.</param>
/// <param name="Records">Records copied.</param>
/// <param name="WallSeconds">From starting the copier to the last record in the target.</param>
/// <param name="SteadySeconds">From the first record in the target to the last.</param>
/// <param name="PeakRssBytes">Peak resident set size of the copier process, when known.</param>
/// <param name="CpuSeconds">CPU time of the copier process, when known.</param>
/// <param name="Tasks">tasks.max of a replicator run; 0 for the kcat pipe.</param>
internal sealed record Measurement(string Copier, long Records, double WallSeconds, double SteadySeconds, long? PeakRssBytes, double? CpuSeconds, int Tasks = 0)
{
    public double WallRate => Records / WallSeconds;

    public double SteadyRate => Records / SteadySeconds;
}
