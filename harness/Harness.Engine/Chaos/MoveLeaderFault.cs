namespace Harness.Engine.Chaos;

/// <summary>Moves a partition's leadership to another live replica, as a preferred-leader election would.</summary>
internal sealed class MoveLeaderFault(string id, string side, string topic, int partition) : IFault
{
    private string _target = $"{side} {topic}/{partition}";

    public string Id { get; } = id;

    public string Kind => "moveLeader";

    public string Target => _target;

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var faults = context.Cluster(side).Faults ?? throw new InvalidOperationException($"the {side} cluster cannot move leaders");
        var name = context.TopicOn(side, topic);
        var from = faults.LeaderOf(name, partition);
        var to = faults.MoveLeader(name, partition);
        _target = $"{side} {name}/{partition}: leader {from} -> {to}";
        return Task.CompletedTask;
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation) => Task.CompletedTask;
}
