using Harness.Engine.Clients;
namespace Harness.Engine.Apps;

/// <summary>One app's consumer group: its members on the source, then, once moved, on the target.</summary>
internal sealed class AppConsumerGroup(ConsumerGroupSettings settings, KafkaEndpoint sourceBootstrap, KafkaEndpoint targetBootstrap)
{
    private readonly List<AppMember> _members = [];
    private int _started;

    public ConsumerGroupSettings Settings { get; } = settings;

    public bool OnTarget { get; private set; }

    /// <summary>The offsets the harness committed for the group on the target when it moved it (a reset); null for a synced start.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long>? StartOffsets { get; set; }

    public KafkaEndpoint Bootstrap => OnTarget ? targetBootstrap : sourceBootstrap;

    /// <summary>The topics on the cluster the group reads now, each with its source name.</summary>
    public IReadOnlyDictionary<string, string> Topics => OnTarget ? Settings.TargetTopics : Settings.SourceTopics;

    public void Start(CancellationToken run)
    {
        for (var i = 0; i < Settings.Spec.Members; i++)
        {
            StartMember(run);
        }
    }

    /// <summary>Every member leaves the group (committing what it processed).</summary>
    public async Task StopAsync()
    {
        var members = _members.ToList();
        _members.Clear();
        await Task.WhenAll(members.Select(m => m.StopAsync())).ConfigureAwait(false);
    }

    /// <summary>Starts the members again on the target; the group's committed offsets there say where.</summary>
    public void StartOnTarget(CancellationToken run)
    {
        OnTarget = true;
        Settings.Tracker.MarkMoved();
        Start(run);
    }

    /// <summary>Members leave and rejoin one by one, <paramref name="every"/> apart: the group rebalances each time.</summary>
    public async Task RollAsync(TimeSpan every, TimeProvider time, CancellationToken run, CancellationToken cancellation)
    {
        for (var i = 0; i < Settings.Spec.Members && _members.Count > 0; i++)
        {
            var member = _members[0];
            _members.RemoveAt(0);
            await member.StopAsync().ConfigureAwait(false);
            await Task.Delay(every, time, cancellation).ConfigureAwait(false);
            StartMember(run);
        }
    }

    private void StartMember(CancellationToken run)
    {
        var member = new AppMember(Settings, Bootstrap, OnTarget, _started++);
        _members.Add(member);
        member.Start(run);
    }
}
