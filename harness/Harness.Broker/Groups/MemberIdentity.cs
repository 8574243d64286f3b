namespace Harness.Broker.Groups;

/// <summary>A member named in a LeaveGroup request: by member id, by static instance id, or both.</summary>
internal sealed record MemberIdentity(string MemberId, string? GroupInstanceId);
