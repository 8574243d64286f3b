using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;

namespace Harness.Engine.Replicators;

/// <summary>How a driver's replicator runs as a child process, and what it offers beyond the process.</summary>
public sealed record ReplicatorProcess
{
    /// <summary>The driver's kind, for the report.</summary>
    public required string Kind { get; init; }

    /// <summary>The executable.</summary>
    public required string FileName { get; init; }

    /// <summary>Its arguments.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Variables added to the harness's environment.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Where standard output and error go.</summary>
    public required string LogPath { get; init; }

    /// <summary>The working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Where its metrics come from, or null.</summary>
    public IReplicatorMetrics? Metrics { get; init; }

    /// <summary>The heap ballast it serves, or null.</summary>
    public IHeapBallast? Ballast { get; init; }

    /// <summary>What an exit code says when the process ends on its own; null reads every exit as a crash.</summary>
    public Func<int, HarnessException?>? ExplainExit { get; init; }
}
