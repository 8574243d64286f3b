namespace Harness.Reports.Sizing;

/// <summary>What one replicator task sustains at the knee.</summary>
/// <param name="RecordsPerSecond">Records per second per task.</param>
/// <param name="MegabytesPerSecond">MB/s (10^6 bytes) per task.</param>
/// <param name="Tasks">The tasks of the curve this figure came from.</param>
public sealed record PerTaskCapacity(double RecordsPerSecond, double MegabytesPerSecond, int Tasks);
