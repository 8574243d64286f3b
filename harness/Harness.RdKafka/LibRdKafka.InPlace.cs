using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// Per-record accessors of a consumed record that only read or free librdkafka's memory: they never block for long
/// and never call back, so the runtime's GC transition around each call (tens of nanoseconds, several calls per
/// record) is skipped. Same C functions as their namesakes without the suffix.
/// </summary>
public static unsafe partial class LibRdKafka
{
    [LibraryImport(Library, EntryPoint = "rd_kafka_message_headers")]
    [SuppressGCTransition]
    public static partial int MessageHeadersInPlace(RdKafkaMessage* message, nint* headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_header_cnt")]
    [SuppressGCTransition]
    public static partial nuint HeaderCountInPlace(nint headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_header_get_all")]
    [SuppressGCTransition]
    public static partial int HeaderGetAllInPlace(nint headers, nuint index, byte** name, byte** value, nuint* size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_timestamp")]
    [SuppressGCTransition]
    public static partial long MessageTimestampInPlace(RdKafkaMessage* message, int* timestampType);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    [SuppressGCTransition]
    public static partial void MessageDestroyInPlace(RdKafkaMessage* message);
}
