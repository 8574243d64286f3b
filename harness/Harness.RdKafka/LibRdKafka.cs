using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// The librdkafka C functions the per-record hot paths (load generator, replicator, verifier) call directly. Confluent.Kafka wraps the same library, but
/// its per-record path (a GC handle, a managed delivery report and header marshalling for every record) costs
/// several times what librdkafka itself does, and these paths are measured against <c>kcat</c>, which is librdkafka
/// alone. The library is the one Confluent.Kafka ships (librdkafka.redist), found through the app's deps.json.
/// </summary>
public static unsafe partial class LibRdKafka
{
    public const int ProducerType = 0;

    public const int ConsumerType = 1;

    /// <summary>RD_KAFKA_RESP_ERR__PARTITION_EOF: a consumed "message" that only says the partition's end was reached.</summary>
    public const int PartitionEof = -191;

    /// <summary>RD_KAFKA_RESP_ERR__NOENT: for example, a message without headers.</summary>
    public const int NoEntry = -156;

    /// <summary>RD_KAFKA_OFFSET_BEGINNING.</summary>
    public const long OffsetBeginning = -2;

    /// <summary>RD_KAFKA_OFFSET_END.</summary>
    public const long OffsetEnd = -1;

    /// <summary>RD_KAFKA_TIMESTAMP_NOT_AVAILABLE.</summary>
    public const int TimestampNotAvailable = 0;

    /// <summary>RD_KAFKA_TIMESTAMP_CREATE_TIME.</summary>
    public const int TimestampCreateTime = 1;

    public const int ConfOk = 0;

    public const int EventDeliveryReport = 0x1;

    /// <summary>RD_KAFKA_MSG_F_COPY: librdkafka copies key, value and headers, so the caller's buffers are free at return.</summary>
    public const int MessageCopy = 0x2;

    /// <summary>RD_KAFKA_RESP_ERR__QUEUE_FULL: the producer's local queue is full; serve deliveries and try again.</summary>
    public const int QueueFull = -184;

    /// <summary>RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT.</summary>
    public const int PurgeAll = 0x1 | 0x2;

    private const string Library = "librdkafka";

    [LibraryImport(Library, EntryPoint = "rd_kafka_version_str")]
    public static partial nint VersionString();

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

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_is_fatal")]
    public static partial int ErrorIsFatal(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_is_retriable")]
    public static partial int ErrorIsRetriable(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_txn_requires_abort")]
    public static partial int ErrorTxnRequiresAbort(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_init_transactions")]
    public static partial nint InitTransactions(nint rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_begin_transaction")]
    public static partial nint BeginTransaction(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_commit_transaction")]
    public static partial nint CommitTransaction(nint rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_abort_transaction")]
    public static partial nint AbortTransaction(nint rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_purge")]
    public static partial int Purge(nint rk, int flags);

    [LibraryImport(Library, EntryPoint = "rd_kafka_poll")]
    public static partial int Poll(nint rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_flush")]
    public static partial int Flush(nint rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_outq_len")]
    public static partial int OutQueueLength(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial nint ErrorToString(int code);

    [LibraryImport(Library, EntryPoint = "rd_kafka_poll_set_consumer")]
    public static partial int PollSetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial nint QueueGetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consume_batch_queue")]
    public static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, RdKafkaMessage** messages, nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_headers_copy")]
    public static partial nint HeadersCopy(nint headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_headers_destroy")]
    public static partial void HeadersDestroy(nint headers);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_name")]
    public static partial nint TopicName(nint rkt);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    public static partial nint PartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint PartitionListAdd(nint list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_set_offset", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PartitionListSetOffset(nint list, string topic, int partition, long offset);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    public static partial void PartitionListDestroy(nint list);

    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_assign")]
    public static partial nint IncrementalAssign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_unassign")]
    public static partial nint IncrementalUnassign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_pause_partitions")]
    public static partial int PausePartitions(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_resume_partitions")]
    public static partial int ResumePartitions(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_get_watermark_offsets", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetWatermarkOffsets(nint rk, string topic, int partition, long* low, long* high);

    [LibraryImport(Library, EntryPoint = "rd_kafka_query_watermark_offsets", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int QueryWatermarkOffsets(nint rk, string topic, int partition, long* low, long* high, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_close")]
    public static partial int ConsumerClose(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_fatal_error")]
    public static partial int FatalError(nint rk, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_opaque")]
    public static partial void ConfSetOpaque(nint conf, nint opaque);

    [LibraryImport(Library, EntryPoint = "rd_kafka_opaque")]
    public static partial nint Opaque(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_name")]
    public static partial nint Name(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_log_cb")]
    public static partial void ConfSetLogCallback(nint conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> logCallback);

    /// <summary>A NUL-terminated C string, or empty.</summary>
    public static string Text(nint text) => Marshal.PtrToStringUTF8(text) ?? string.Empty;
}
