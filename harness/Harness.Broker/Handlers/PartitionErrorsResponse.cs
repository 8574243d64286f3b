using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// The response body AddPartitionsToTxn (v0-3) and TxnOffsetCommit share: throttle time, then per topic each
/// partition with its error code, in the order the request listed them.
/// </summary>
internal static class PartitionErrorsResponse
{
    /// <param name="writer">Where the body goes.</param>
    /// <param name="shape">Each topic of the request with its number of partitions, in request order.</param>
    /// <param name="partitions">The partition ids, flattened in the same order.</param>
    /// <param name="errors">One error code per partition, in the same order.</param>
    /// <param name="flexible">Whether the version is flexible (compact arrays and tagged fields).</param>
    public static void Write(KafkaWriter writer, IReadOnlyList<(string Topic, int Partitions)> shape, IReadOnlyList<int> partitions, IReadOnlyList<ErrorCode> errors, bool flexible)
    {
        writer.WriteInt32(0);
        writer.WriteArrayLength(shape.Count, flexible);
        var index = 0;
        foreach (var (topic, count) in shape)
        {
            writer.WriteString(topic, flexible);
            writer.WriteArrayLength(count, flexible);
            for (var p = 0; p < count; p++, index++)
            {
                writer.WriteInt32(partitions[index]);
                writer.WriteInt16(errors[index]);
                if (flexible)
                {
                    writer.WriteEmptyTaggedFields();
                }
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }
    }
}
