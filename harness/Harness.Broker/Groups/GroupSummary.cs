namespace Harness.Broker.Groups;

/// <summary>A group as DescribeGroups shows it; an unknown group is described as Dead with nothing else.</summary>
internal sealed record GroupSummary(string GroupId, GroupState State, string ProtocolType, string Protocol, IReadOnlyList<MemberSummary> Members)
{
    public static GroupSummary Dead(string groupId) => new(groupId, GroupState.Dead, "", "", []);
}
