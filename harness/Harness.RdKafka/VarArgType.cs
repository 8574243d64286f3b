namespace Harness.RdKafka;

/// <summary>librdkafka's <c>rd_kafka_vtype_t</c>: what one <see cref="VarArg"/> of <c>rd_kafka_produceva</c> holds.</summary>
public enum VarArgType
{
    End = 0,
    Topic = 1,
    TopicHandle = 2,
    Partition = 3,
    Value = 4,
    Key = 5,
    Opaque = 6,
    MessageFlags = 7,
    Timestamp = 8,
    Header = 9,

    /// <summary>A whole <c>rd_kafka_headers_t</c>; librdkafka takes ownership when the call succeeds.</summary>
    Headers = 10,
}
