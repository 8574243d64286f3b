namespace Harness.Broker.Groups;

/// <summary>A group as ListGroups shows it; an empty protocol type marks a group only used for offset commits.</summary>
internal sealed record GroupListing(string GroupId, string ProtocolType, GroupState State);
