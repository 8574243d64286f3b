namespace Harness.Engine.Runs;

/// <summary>How to run a scenario.</summary>
public sealed record RunOptions
{
    /// <summary>Folder under which each run gets its own folder. Default "runs".</summary>
    public string OutputRoot { get; init; } = "runs";

    /// <summary>Path of harness-replicator.dll; default: next to the harness.</summary>
    public string? ReplicatorAssembly { get; init; }

    /// <summary>
    /// The folder under which embedded clusters on disk storage keep their logs (a subfolder per cluster); default the
    /// run folder's <c>data/</c>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep the embedded clusters' log files when the run ends; default false: they are removed.</summary>
    public bool KeepData { get; init; }

    /// <summary>
    /// Skip the pre-flight checks when the run starts both its clusters itself: a sizing search runs level after level
    /// on identical fresh embedded clusters, and one pre-flight (its first level's) says all there is to say. Clusters
    /// the harness did not start are always checked, since that is where a check can refuse a run.
    /// </summary>
    public bool SkipPreflightOnOwnClusters { get; init; }

    /// <summary>Sampling interval of the time series and the progress display. Default 1 s.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);
}
