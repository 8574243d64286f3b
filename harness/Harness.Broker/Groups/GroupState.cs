namespace Harness.Broker.Groups;

/// <summary>The classic group states; the names are sent verbatim in DescribeGroups, as Kafka does.</summary>
internal enum GroupState
{
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}
