namespace Harness.Broker.Groups;

/// <summary>
/// A decoded JoinGroup request. <see cref="RequireKnownMemberId"/> is set from v4 on: a new dynamic member
/// first gets MEMBER_ID_REQUIRED with its id and joins again with it.
/// </summary>
internal sealed record JoinRequest(
    string GroupId,
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string ClientHost,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols,
    bool RequireKnownMemberId);
