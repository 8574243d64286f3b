using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>librdkafka's <c>rd_kafka_message_t</c>, as a consumed record or a delivery report carries it; read in place, never allocated here.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RdKafkaMessage
{
    public int Error;
    public nint Topic;
    public int Partition;
    public nint Payload;
    public nuint Length;
    public nint Key;
    public nuint KeyLength;
    public long Offset;

    /// <summary>In a delivery report, the per-record opaque given at produce time; librdkafka's own in a consumed record.</summary>
    public nint Opaque;
}
