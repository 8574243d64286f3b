using System.Runtime.InteropServices;

namespace Harness.Engine.Load.Native;

/// <summary>
/// The few librdkafka C functions the load generator calls directly. Confluent.Kafka wraps the same library, but
/// its per-record path (a GC handle, a managed delivery report and header marshalling for every record) costs
/// several times what librdkafka itself does; the generator must keep up with <c>kcat -P</c>, which is librdkafka
/// alone. The library is the one Confluent.Kafka ships (librdkafka.redist), found through the app's deps.json.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    public const int ProducerType = 0;

    public const int ConfOk = 0;

    public const int EventDeliveryReport = 0x1;

    /// <summary>RD_KAFKA_MSG_F_COPY: librdkafka copies key, value and headers, so the caller's buffers are free at return.</summary>
    public const int MessageCopy = 0x2;

    /// <summary>RD_KAFKA_RESP_ERR__QUEUE_FULL: the producer's local queue is full; serve deliveries and try again.</summary>
    public const int QueueFull = -184;

    /// <summary>RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT.</summary>
    public const int PurgeAll = 0x1 | 0x2;

    private const string Library = "librdkafka";

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_events")]
    public static partial void ConfSetEvents(nint conf, int events);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint TopicNew(nint rk, string topic, nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_destroy")]
    public static partial void TopicDestroy(nint rkt);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_main")]
    public static partial nint QueueGetMain(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(nint queue);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_poll")]
    public static partial nint QueuePoll(nint queue, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_event_type")]
    public static partial int EventType(nint rkev);

    [LibraryImport(Library, EntryPoint = "rd_kafka_event_message_array")]
    public static partial nuint EventMessageArray(nint rkev, RdKafkaMessage** messages, nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_event_destroy")]
    public static partial void EventDestroy(nint rkev);

    [LibraryImport(Library, EntryPoint = "rd_kafka_produceva")]
    public static partial nint ProduceVa(nint rk, VarArg* arguments, nuint count);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_code")]
    public static partial int ErrorCode(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_string")]
    public static partial nint ErrorString(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_destroy")]
    public static partial void ErrorDestroy(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_purge")]
    public static partial int Purge(nint rk, int flags);

    /// <summary>A NUL-terminated C string, or empty.</summary>
    public static string Text(nint text) => Marshal.PtrToStringUTF8(text) ?? string.Empty;
}
