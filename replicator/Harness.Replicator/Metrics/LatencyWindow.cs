namespace Harness.Replicator.Metrics;

/// <summary>Latency over one sampling window, in milliseconds; all zero but <see cref="Last"/> when nothing was recorded.</summary>
/// <param name="Count">Samples in the window.</param>
/// <param name="Avg">Mean of the window.</param>
/// <param name="Min">Smallest sample of the window.</param>
/// <param name="Max">Largest sample of the window.</param>
/// <param name="Last">The most recent sample ever recorded (MM2's plain metric value).</param>
public readonly record struct LatencyWindow(long Count, double Avg, long Min, long Max, long Last);
