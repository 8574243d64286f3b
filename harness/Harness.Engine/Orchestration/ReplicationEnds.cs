using Harness.Engine.Load;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;

namespace Harness.Engine.Orchestration;

/// <summary>
/// The source and target ends that say how far replication is behind, from the clusters' high watermarks: as read for
/// plain topics, the committed records for transactional ones (<see cref="CommittedEnds"/>) and the copied source end
/// for compacted ones (<see cref="CopiedEnds"/>). The drain waits on them and the lag chart plots them, so a topic that
/// has drained shows no lag.
/// </summary>
internal static class ReplicationEnds
{
    /// <summary>What adjusts read watermarks for the scenario's topics; null when every topic is plain.</summary>
    public static Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? For(
        Scenario scenario, Ledger? ledger, StreamingVerifier? verifier)
    {
        var committed = CommittedEnds.Adjuster(scenario, ledger);
        var copied = CopiedEnds.Adjuster(scenario, verifier);
        return committed is null ? copied
            : copied is null ? committed
            : (source, target) =>
            {
                committed(source, target);
                copied(source, target);
            };
    }

    /// <summary><paramref name="read"/> with <paramref name="adjust"/> applied to what it reads; <paramref name="read"/> itself without one.</summary>
    public static Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> Over(
        Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> read,
        Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? adjust)
    {
        if (adjust is null)
        {
            return read;
        }

        return async () =>
        {
            var (source, target) = await read().ConfigureAwait(false);
            adjust(source, target);
            return (source, target);
        };
    }
}
