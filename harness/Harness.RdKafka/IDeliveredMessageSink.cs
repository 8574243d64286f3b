namespace Harness.RdKafka;

/// <summary>
/// Receives delivery reports in batches as librdkafka's own <c>rd_kafka_message_t</c> pointers (read them as
/// <see cref="RdKafkaMessage"/>), on the thread that polls the producer: for callers that need more of a delivered
/// record than <see cref="Delivery"/> carries, such as its value length or timestamp. The pointers are valid only
/// during the call.
/// </summary>
public interface IDeliveredMessageSink
{
    void Delivered(ReadOnlySpan<nint> messages);
}
