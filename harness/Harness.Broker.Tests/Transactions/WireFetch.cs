using Harness.Broker.Protocol;
using Harness.Broker.Records;

namespace Harness.Broker.Tests.Transactions;

/// <summary>One partition of a Fetch response, decoded: offsets, aborted transactions (null when the broker sent none) and batches.</summary>
internal sealed record WireFetch(
    ErrorCode Error,
    long HighWatermark,
    long LastStableOffset,
    IReadOnlyList<(long ProducerId, long FirstOffset)>? AbortedTransactions,
    IReadOnlyList<RecordBatchHeader> Headers,
    IReadOnlyList<byte[]> Batches);
