using System.Runtime.InteropServices;

namespace Harness.Engine.Load.Native;

/// <summary>librdkafka's <c>rd_kafka_message_t</c> as a delivery report carries it; read in place, never allocated here.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RdKafkaMessage
{
    public int Error;
    public nint Topic;
    public int Partition;
    public nint Payload;
    public nuint Length;
    public nint Key;
    public nuint KeyLength;
    public long Offset;

    /// <summary>The per-record opaque given at produce time: here, the record's sequence.</summary>
    public nint Opaque;
}
