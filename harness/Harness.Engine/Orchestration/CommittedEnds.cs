using Harness.Engine.Load;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Orchestration;

/// <summary>
/// The ends the drain waits for on transactional topics. Their source high watermark counts commit and abort markers
/// and aborted records, none of which a read_committed replicator copies, so the target never reaches it; what a
/// correct copy of a partition holds is its committed records, which the ledger knows exactly.
/// </summary>
internal static class CommittedEnds
{
    /// <summary>
    /// <paramref name="read"/>, with the source end of every transactional topic's partition replaced by its committed
    /// records in <paramref name="ledger"/>; <paramref name="read"/> itself when no topic is transactional.
    /// </summary>
    public static Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> Over(
        Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> read,
        Scenario scenario, Ledger? ledger) => ReplicationEnds.Over(read, Adjuster(scenario, ledger));

    /// <summary>
    /// What replaces the source end of every transactional topic's partition (read as high watermarks) with its
    /// committed records in <paramref name="ledger"/>; null when no topic is transactional.
    /// </summary>
    public static Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? Adjuster(Scenario scenario, Ledger? ledger)
    {
        var transactional = scenario.Topics.Where(t => t.Producer.Transactional).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (transactional.Count == 0 || ledger is null)
        {
            return null;
        }

        return (source, _) =>
        {
            var committed = ledger.Entries.Where(e => transactional.Contains(e.Key.Topic))
                .GroupBy(e => (e.Key.Topic, e.Key.Partition))
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Ledger.Count));
            foreach (var key in source.Keys.Where(k => transactional.Contains(k.Topic)).ToList())
            {
                source[key] = committed.GetValueOrDefault(key);
            }
        };
    }
}
