using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>What one partition contributes to a fetch response: an error or batches by reference.</summary>
internal sealed class FetchPartitionResult(FetchPartitionRequest request)
{
    public FetchPartitionRequest Request { get; } = request;

    public ErrorCode Error { get; set; }

    public long HighWatermark { get; set; } = -1;

    public long LogStartOffset { get; set; } = -1;

    public List<ArraySegment<byte>> Batches { get; } = [];

    public int Bytes { get; set; }
}
