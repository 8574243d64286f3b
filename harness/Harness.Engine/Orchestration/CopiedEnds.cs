using Harness.Engine.Scenarios;
using Harness.Engine.Verification;

namespace Harness.Engine.Orchestration;

/// <summary>
/// The ends the drain and the lag chart compare on compacted topics. A replicator copies a compacted source densely
/// (MirrorMaker 2 does), so a source with compaction gaps ends at a higher offset than its complete copy ever reaches;
/// the target's end is taken instead in source offsets: one past the source offset of the newest record copied, which
/// reaches the source's end once its last record (which compaction always keeps) is on the target.
/// </summary>
internal static class CopiedEnds
{
    /// <summary>
    /// What replaces the target end of every compacted topic's remote partition with <paramref name="verifier"/>'s
    /// copied source end; null when no topic is compacted or nothing reads the target.
    /// </summary>
    public static Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? Adjuster(Scenario scenario, StreamingVerifier? verifier)
    {
        var remote = scenario.Topics.Where(t => t.Compacted).ToDictionary(t => t.Name, t => scenario.Replicator.RemoteTopic(t.Name), StringComparer.Ordinal);
        if (remote.Count == 0 || verifier is null)
        {
            return null;
        }

        return (_, target) =>
        {
            foreach (var ((topic, partition), end) in verifier.CopiedSourceEnds())
            {
                target[(remote[topic], partition)] = end;
            }
        };
    }
}
