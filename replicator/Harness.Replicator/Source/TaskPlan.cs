namespace Harness.Replicator.Source;

/// <summary>
/// Which task copies which source partition, spread by volume so that high-volume topics do not lag behind a
/// crowd of small ones (the lesson of the migration this harness was built for).
/// </summary>
/// <remarks>
/// <para>The rule, for the partitions known at start (<see cref="PlaceInitial"/>):</para>
/// <list type="number">
/// <item><description>Each partition weighs its measured rate (records per second) plus a sixtieth of its backlog
/// (records still to copy), and at least 1 so idle partitions still spread. A topic weighs the sum of its partitions;
/// the fair share of a task is the total weight divided by <c>tasks.max</c>.</description></item>
/// <item><description>High-volume topics, heaviest first, get tasks of their own: a topic weighing at least one fair
/// share gets <c>round(weight / fair share)</c> dedicated tasks (at least 1, at most its partition count), as long as
/// one task is left for the remaining topics.</description></item>
/// <item><description>Every other partition goes, heaviest first, to the least-loaded task that is not dedicated
/// (longest-processing-time scheduling); within a dedicated group the same rule spreads the topic's partitions.</description></item>
/// </list>
/// <para>Partitions found later (new topics or partitions on a topic refresh, <see cref="PlaceAdded"/>) go to the
/// least-loaded undedicated task, except that a topic found later weighing at least a fair share of everything
/// placed so far is spread over the least-loaded tasks of all, dedicated ones included: piled onto the few undedicated
/// tasks it would be the crowd that dedication exists to avoid. Running tasks are never reshuffled, because moving a
/// partition means draining it.</para>
/// </remarks>
internal sealed class TaskPlan
{
    private readonly double[] _loads;
    private readonly bool[] _dedicated;
    private readonly Dictionary<(string Topic, int Partition), int> _owners = [];

    public TaskPlan(int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        _loads = new double[tasks];
        _dedicated = new bool[tasks];
    }

    /// <summary>Task of each placed partition.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), int> Owners => _owners;

    /// <summary>Weight placed on each task.</summary>
    public IReadOnlyList<double> Loads => _loads;

    /// <summary>Whether each task is dedicated to one high-volume topic.</summary>
    public IReadOnlyList<bool> Dedicated => _dedicated;

    /// <summary>Places the partitions known at start; see the remarks for the rule.</summary>
    public void PlaceInitial(IReadOnlyList<PartitionVolume> partitions)
    {
        var fresh = partitions.Where(p => !_owners.ContainsKey((p.Topic, p.Partition))).Select(p => p with { Weight = Math.Max(1, p.Weight) }).ToList();
        var topics = fresh.GroupBy(p => p.Topic, StringComparer.Ordinal)
            .Select(g => (Topic: g.Key, Weight: g.Sum(p => p.Weight), Partitions: g.ToList()))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();
        var fair = fresh.Sum(p => p.Weight) / _loads.Length;
        var free = Enumerable.Range(0, _loads.Length).Where(t => !_dedicated[t] && _loads[t] == 0).ToList();
        var remaining = new List<PartitionVolume>();
        for (var i = 0; i < topics.Count; i++)
        {
            var (_, weight, topicPartitions) = topics[i];
            var othersLeft = i < topics.Count - 1;
            var available = free.Count - (othersLeft ? 1 : 0);
            if (_loads.Length == 1 || weight < fair || available < 1)
            {
                remaining.AddRange(topicPartitions);
                continue;
            }

            var count = Math.Clamp((int)Math.Round(weight / fair, MidpointRounding.AwayFromZero), 1, Math.Min(available, topicPartitions.Count));
            var group = free.Take(count).ToList();
            free.RemoveRange(0, count);
            group.ForEach(t => _dedicated[t] = true);
            Spread(topicPartitions, group);
        }

        Spread(remaining, Undedicated());
    }

    /// <summary>Places partitions found after start on the least-loaded undedicated tasks; see the remarks for heavy topics.</summary>
    public void PlaceAdded(IReadOnlyList<PartitionVolume> partitions)
    {
        var fresh = partitions.Where(p => !_owners.ContainsKey((p.Topic, p.Partition))).Select(p => p with { Weight = Math.Max(1, p.Weight) }).ToList();
        var fair = (_loads.Sum() + fresh.Sum(p => p.Weight)) / _loads.Length;
        var all = Enumerable.Range(0, _loads.Length).ToList();
        foreach (var topic in fresh.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderByDescending(t => t.Sum(p => p.Weight)).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            Spread(topic, _loads.Length > 1 && topic.Sum(p => p.Weight) >= fair ? all : Undedicated());
        }
    }

    private List<int> Undedicated()
    {
        var tasks = Enumerable.Range(0, _loads.Length).Where(t => !_dedicated[t]).ToList();
        return tasks.Count > 0 ? tasks : Enumerable.Range(0, _loads.Length).ToList();
    }

    private void Spread(IEnumerable<PartitionVolume> partitions, List<int> tasks)
    {
        foreach (var p in partitions.OrderByDescending(p => p.Weight).ThenBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition))
        {
            var task = tasks.OrderBy(t => _loads[t]).ThenBy(t => t).First();
            _loads[task] += p.Weight;
            _owners[(p.Topic, p.Partition)] = task;
        }
    }
}
