namespace Harness.Soak.Bench;

/// <summary>What one storage's soak measured.</summary>
/// <param name="Storage">memory or disk.</param>
/// <param name="ExitCode">The harness's exit code (0: every check passed).</param>
/// <param name="Verdict">results.json's verdict.</param>
/// <param name="Wall">The whole run, start-up to reports.</param>
/// <param name="Produced">Records acknowledged by the source.</param>
/// <param name="Replicated">Records verified on the target.</param>
/// <param name="ProduceRate">Mean produce rate over the load, from the run's time series.</param>
/// <param name="ReplicateRate">Mean replicate rate over the load.</param>
/// <param name="Rss">The harness process's RSS read from /proc each second: (seconds since start, MiB).</param>
/// <param name="PeakMiB">The harness process's peak RSS (VmHWM) at its last reading.</param>
/// <param name="PeakDataGiB">The most the run folder (both clusters' logs, on disk storage) held at once, read every 5 s.</param>
/// <param name="LoadAverage">The 1-minute load average when the run started.</param>
internal sealed record SoakFigures(
    string Storage, int ExitCode, string Verdict, TimeSpan Wall, long Produced, long Replicated, double ProduceRate, double ReplicateRate,
    IReadOnlyList<(double Seconds, double MiB)> Rss, double PeakMiB, double PeakDataGiB, string LoadAverage);
