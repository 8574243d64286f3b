using Harness.Broker.Protocol;
using Harness.Broker.Storage;

namespace Harness.Broker.Handlers;

/// <summary>What one partition contributes to a fetch response: an error or batches by reference.</summary>
internal sealed class FetchPartitionResult(FetchPartitionRequest request, List<AbortedTransaction>? abortedTransactions)
{
    public FetchPartitionRequest Request { get; } = request;

    public ErrorCode Error { get; set; }

    public long HighWatermark { get; set; } = -1;

    public long LastStableOffset { get; set; } = -1;

    public long LogStartOffset { get; set; } = -1;

    /// <summary>The aborted transactions the returned batches overlap (read_committed), or null (read_uncommitted).</summary>
    public List<AbortedTransaction>? AbortedTransactions { get; } = abortedTransactions;

    public List<ArraySegment<byte>> Batches { get; } = [];

    public int Bytes { get; set; }
}
