namespace Harness.Broker.Tests.Groups;

/// <summary>One member of a JoinGroup v5 response's member list.</summary>
internal sealed record WireJoinedMember(string MemberId, string? GroupInstanceId, byte[] Metadata);
