using Harness.Broker.Cluster;

namespace Harness.Broker.Groups;

/// <summary>Consumer groups of one cluster: membership, rebalances and committed offsets.</summary>
internal sealed class GroupCoordinator
{
    public GroupCoordinator(ClusterState cluster) => Cluster = cluster;

    public ClusterState Cluster { get; }
}
