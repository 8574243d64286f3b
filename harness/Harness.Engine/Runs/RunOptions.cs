namespace Harness.Engine.Runs;

/// <summary>How to run a scenario.</summary>
public sealed record RunOptions
{
    /// <summary>Folder under which each run gets its own folder. Default "runs".</summary>
    public string OutputRoot { get; init; } = "runs";

    /// <summary>Path of harness-replicator.dll; default: next to the harness.</summary>
    public string? ReplicatorAssembly { get; init; }

    /// <summary>Sampling interval of the time series and the progress display. Default 1 s.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);
}
