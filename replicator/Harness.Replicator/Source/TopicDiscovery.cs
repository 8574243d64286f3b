using Confluent.Kafka;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Topics;

namespace Harness.Replicator.Source;

/// <summary>
/// Finds the source partitions to mirror (at start and on every topic refresh), creates or grows their remote
/// topics, measures their volume and gives each to a task through the <see cref="TaskPlan"/>.
/// </summary>
internal sealed class TopicDiscovery(ReplicatorSettings settings, IAdminClient sourceAdmin, RemoteTopics remoteTopics, KafkaClients source, Action<string> log, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string Topic, int Partition)> _mirrored = [];
    private readonly TaskPlan _plan = new(settings.TasksMax);

    /// <summary>Task of each mirrored source partition.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), int> Owners
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<(string, int), int>(_plan.Owners);
            }
        }
    }

    /// <summary>Source partitions being mirrored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _mirrored.Count;
            }
        }
    }

    /// <summary>Assigns partitions not mirrored yet to <paramref name="workers"/>, starting from <paramref name="saved"/> progress.</summary>
    public async Task DiscoverAsync(IReadOnlyList<MirrorWorker> workers, IReadOnlyDictionary<(string Topic, int Partition), long> saved, bool initial, CancellationToken cancellation)
    {
        var topics = sourceAdmin.GetMetadata(settings.AdminTimeout).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0 && settings.Replicates(t.Topic))
            .OrderBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();
        List<(string Topic, int Partition)> added;
        lock (_lock)
        {
            added = topics.SelectMany(t => t.Partitions.Select(p => (t.Topic, p.PartitionId)))
                .Where(p => !_mirrored.Contains(p))
                .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.PartitionId)
                .ToList();
        }

        if (added.Count == 0)
        {
            return;
        }

        var partitionCounts = topics.ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        await remoteTopics.EnsureAsync(partitionCounts.Where(t => added.Any(a => a.Topic == t.Key)).Select(t => (t.Key, t.Value)).ToList()).ConfigureAwait(false);
        var volumes = await MeasureAsync(added, saved, initial, cancellation).ConfigureAwait(false);
        lock (_lock)
        {
            if (initial)
            {
                _plan.PlaceInitial(volumes);
            }
            else
            {
                _plan.PlaceAdded(volumes);
            }

            foreach (var task in added.GroupBy(p => _plan.Owners[p]))
            {
                workers[task.Key].Assign(task.Select(p => new PartitionAssignment(p.Topic, p.Partition, saved.TryGetValue(p, out var offset) ? offset : null, partitionCounts[p.Topic])));
            }

            added.ForEach(p => _mirrored.Add(p));
            foreach (var topic in added.GroupBy(p => p.Topic))
            {
                var tasks = topic.Select(p => _plan.Owners[p]).Distinct().Order().ToList();
                var dedicated = tasks.All(t => _plan.Dedicated[t]) && settings.TasksMax > 1 ? " (dedicated: high volume)" : "";
                log($"mirroring {topic.Key} ({topic.Count()} partitions) to {settings.RemoteTopic(topic.Key)} on task(s) {string.Join(',', tasks)}{dedicated}");
            }
        }
    }

    private async Task<List<PartitionVolume>> MeasureAsync(List<(string Topic, int Partition)> added, IReadOnlyDictionary<(string Topic, int Partition), long> saved, bool initial, CancellationToken cancellation)
    {
        if (settings.TasksMax == 1)
        {
            return added.Select(p => new PartitionVolume(p.Topic, p.Partition, 1)).ToList();
        }

        // Rates are sampled at start only; partitions found later are weighed by their backlog, so a refresh is quick.
        using var probe = source.Consumer(new ConsumerConfig { GroupId = "harness-replicator-volume-probe", ClientId = "harness-replicator-volume-probe" });
        var volumes = await new VolumeSampler(probe, settings.AdminTimeout, time)
            .MeasureAsync(added, p => saved.TryGetValue(p, out var s) ? s : null, initial ? settings.VolumeSampleWindow : TimeSpan.Zero, cancellation)
            .ConfigureAwait(false);
        probe.Close();
        return volumes;
    }
}
