using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>The answer to one SyncGroup: the member's assignment bytes, empty on error.</summary>
internal sealed record SyncResult(ErrorCode Error, byte[] Assignment)
{
    public static SyncResult Failed(ErrorCode error) => new(error, []);
}
