using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>The answer to one JoinGroup; only the leader gets the member list.</summary>
internal sealed record JoinResult(
    ErrorCode Error,
    int GenerationId,
    string ProtocolName,
    string LeaderId,
    string MemberId,
    IReadOnlyList<JoinedMember> Members)
{
    public static JoinResult Failed(ErrorCode error, string memberId) => new(error, -1, "", "", memberId, []);
}
