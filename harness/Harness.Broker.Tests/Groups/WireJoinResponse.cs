namespace Harness.Broker.Tests.Groups;

/// <summary>A decoded JoinGroup v5 response.</summary>
internal sealed record WireJoinResponse(short Error, int GenerationId, string Protocol, string LeaderId, string MemberId, IReadOnlyList<WireJoinedMember> Members);
