using System.Globalization;
using Harness.Engine.Clusters;

namespace Harness.Engine.Chaos;

/// <summary>
/// Runs the log cleaner over one topic at a scheduled time (<c>compact: {side: source, topic: T}</c>), so a compacted
/// topic loses superseded records while the replicator is still reading it.
/// </summary>
internal sealed class CompactFault(string id, string side, string topic) : IFault
{
    private string _target = $"{side} {topic}";

    public string Id { get; } = id;

    public string Kind => "compact";

    public string Target => _target;

    public bool Instant => true;

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var cluster = context.Cluster(side) as ICompactingCluster ?? throw new InvalidOperationException($"the {side} cluster cannot compact topics on demand");
        var name = context.TopicOn(side, topic);
        var removed = cluster.Compact(name);
        _target = $"{side} {name}: {removed.ToString("N0", CultureInfo.InvariantCulture)} records compacted away";
        return Task.CompletedTask;
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation) => Task.CompletedTask;
}
