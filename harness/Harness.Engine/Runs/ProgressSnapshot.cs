
namespace Harness.Engine.Runs;

/// <summary>What the terminal shows: phase, produced, replicated, lag and faults.</summary>
public sealed record ProgressSnapshot(string Phase, TimeSpan Elapsed, long Planned, long Produced, long Replicated, long Lag, int FaultsActive, int FaultsDone)
{
    /// <summary>The same sample per traffic class (the topics' <c>volume</c>), busiest class first; empty when not sampled.</summary>
    public IReadOnlyList<TopicClassProgress> Classes { get; init; } = [];

    /// <summary>The faults in effect at the sample, oldest first (no end time yet).</summary>
    public IReadOnlyList<FaultRecord> ActiveFaults { get; init; } = [];
}
