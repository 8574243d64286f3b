namespace Harness.Broker.Groups;

/// <summary>A member as DescribeGroups shows it; metadata and assignment are empty unless the group is Stable.</summary>
internal sealed record MemberSummary(string MemberId, string? GroupInstanceId, string ClientId, string ClientHost, byte[] Metadata, byte[] Assignment);
