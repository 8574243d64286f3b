using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// Per-record accessors of a consumed or delivered record that only read or free librdkafka's memory: they never
/// block for long and never call back, so the runtime's GC transition around each call (tens of nanoseconds, several
/// calls per record on the verifier's and the replicator's hot paths) is skipped.
/// </summary>
public static unsafe partial class LibRdKafka
{
    [LibraryImport(Library, EntryPoint = "rd_kafka_message_headers")]
    [SuppressGCTransition]
    public static partial int MessageHeaders(RdKafkaMessage* message, nint* headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_header_cnt")]
    [SuppressGCTransition]
    public static partial nuint HeaderCount(nint headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_header_get_all")]
    [SuppressGCTransition]
    public static partial int HeaderGetAll(nint headers, nuint index, byte** name, byte** value, nuint* size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_timestamp")]
    [SuppressGCTransition]
    public static partial long MessageTimestamp(RdKafkaMessage* message, int* timestampType);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    [SuppressGCTransition]
    public static partial void MessageDestroy(RdKafkaMessage* message);
}
