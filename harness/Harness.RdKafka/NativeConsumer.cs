using System.Globalization;
using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// One assign-only librdkafka consumer, driven from a single thread: <see cref="Assign"/> adds partitions at
/// given offsets, <see cref="Consume"/> fills a caller's array with up to its length of records straight from
/// librdkafka's queue. Each record stays librdkafka's memory until <see cref="Release"/>; nothing is allocated per
/// record here. It never joins a group and never commits, so any <c>group.id</c> works.
/// </summary>
public sealed unsafe class NativeConsumer : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly nint _handle;
    private readonly nint _queue;
    private readonly GCHandle _log;
    private bool _disposed;

    /// <summary>Creates the consumer.</summary>
    /// <param name="settings">librdkafka configuration properties; <c>bootstrap.servers</c> at least.</param>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    public NativeConsumer(IReadOnlyDictionary<string, string> settings)
        : this(settings, null)
    {
    }

    /// <summary>Creates the consumer with its librdkafka log sent to <paramref name="log"/> (null: librdkafka's default, stderr).</summary>
    /// <param name="settings">librdkafka configuration properties; <c>bootstrap.servers</c> at least.</param>
    /// <param name="log">Receives the client's log lines, on librdkafka's threads.</param>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    public NativeConsumer(IReadOnlyDictionary<string, string> settings, ClientLogHandler? log)
    {
        LibraryResolver.EnsureRegistered();
        var error = stackalloc byte[ErrorBufferSize];
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["group.id"] = "harness-native-consumer",
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
        };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        var conf = NativeConfiguration.Create(all, "consumer");

        _log = NativeLog.Attach(conf, log);
        _handle = LibRdKafka.New(LibRdKafka.ConsumerType, conf, error, ErrorBufferSize);
        if (_handle == 0)
        {
            LibRdKafka.ConfDestroy(conf);
            NativeLog.Free(_log);
            throw new ArgumentException($"cannot create a consumer: {LibRdKafka.Text((nint)error)}", nameof(settings));
        }

        LibRdKafka.PollSetConsumer(_handle);
        _queue = LibRdKafka.QueueGetConsumer(_handle);
    }

    ~NativeConsumer() => ReleaseHandles();

    /// <summary>librdkafka's client handle, for calls this type does not wrap.</summary>
    public nint Handle => _handle;

    /// <summary>Starts reading the given partitions at the given offsets (or <see cref="LibRdKafka.OffsetBeginning"/>/<see cref="LibRdKafka.OffsetEnd"/>).</summary>
    /// <exception cref="InvalidOperationException">librdkafka refused the assignment.</exception>
    public void Assign(IEnumerable<(string Topic, int Partition, long Offset)> partitions) =>
        WithList(partitions, list => Check(LibRdKafka.IncrementalAssign(_handle, list), "assign"));

    /// <summary>Stops reading the given partitions.</summary>
    public void Unassign(IEnumerable<(string Topic, int Partition)> partitions) =>
        WithList(partitions.Select(p => (p.Topic, p.Partition, LibRdKafka.OffsetBeginning)), list => Check(LibRdKafka.IncrementalUnassign(_handle, list), "unassign"));

    /// <summary>Stops fetching the given partitions; what is already queued is still returned.</summary>
    public void Pause(IEnumerable<(string Topic, int Partition)> partitions) =>
        WithList(partitions.Select(p => (p.Topic, p.Partition, LibRdKafka.OffsetBeginning)), list => LibRdKafka.PausePartitions(_handle, list));

    /// <summary>Fetches the given partitions again after <see cref="Pause"/>.</summary>
    public void Resume(IEnumerable<(string Topic, int Partition)> partitions) =>
        WithList(partitions.Select(p => (p.Topic, p.Partition, LibRdKafka.OffsetBeginning)), list => LibRdKafka.ResumePartitions(_handle, list));

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for records and returns how many were put into
    /// <paramref name="messages"/>. An entry may carry an error (for example <see cref="LibRdKafka.PartitionEof"/>)
    /// instead of a record. Every returned entry must be given back with <see cref="Release"/>.
    /// </summary>
    public int Consume(int timeoutMs, Span<nint> messages)
    {
        nint count;
        fixed (nint* pointer = messages)
        {
            count = LibRdKafka.ConsumeBatchQueue(_queue, timeoutMs, (RdKafkaMessage**)pointer, (nuint)messages.Length);
        }

        return count < 0 ? 0 : (int)count;
    }

    /// <summary>Gives a consumed record back to librdkafka.</summary>
    public static void Release(nint message) => LibRdKafka.MessageDestroy((RdKafkaMessage*)message);

    /// <summary>The record's timestamp in Unix milliseconds, or -1 when it has none.</summary>
    public static long Timestamp(RdKafkaMessage* message)
    {
        int type;
        var timestamp = LibRdKafka.MessageTimestamp(message, &type);
        return type == LibRdKafka.TimestampNotAvailable ? -1 : timestamp;
    }

    /// <summary>The record's header list (librdkafka's, valid until the record is released), or 0 when it has none.</summary>
    public static nint Headers(RdKafkaMessage* message)
    {
        nint headers;
        return LibRdKafka.MessageHeaders(message, &headers) == 0 ? headers : 0;
    }

    /// <summary>The name of the record's topic.</summary>
    public static string TopicName(RdKafkaMessage* message) => LibRdKafka.Text(LibRdKafka.TopicName(message->Topic));

    /// <summary>The low and high watermarks from the last fetch response, without a request; -1 when unknown.</summary>
    public (long Low, long High) CachedWatermarks(string topic, int partition)
    {
        long low, high;
        // Before the first fetch librdkafka answers RD_KAFKA_OFFSET_INVALID (-1001): unknown either way.
        return LibRdKafka.GetWatermarkOffsets(_handle, topic, partition, &low, &high) == 0 ? (Math.Max(low, -1), Math.Max(high, -1)) : (-1, -1);
    }

    /// <summary>Asks the partition leader for the watermarks.</summary>
    /// <exception cref="InvalidOperationException">The leader did not answer in time.</exception>
    public (long Low, long High) QueryWatermarks(string topic, int partition, int timeoutMs)
    {
        long low, high;
        var code = LibRdKafka.QueryWatermarkOffsets(_handle, topic, partition, &low, &high, timeoutMs);
        return code == 0
            ? (low, high)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"watermarks of {topic}/{partition}: {LibRdKafka.Text(LibRdKafka.ErrorToString(code))}"));
    }

    public void Dispose()
    {
        ReleaseHandles();
        GC.SuppressFinalize(this);
    }

    private static void WithList(IEnumerable<(string Topic, int Partition, long Offset)> partitions, Action<nint> action)
    {
        var list = LibRdKafka.PartitionListNew(16);
        try
        {
            foreach (var (topic, partition, offset) in partitions)
            {
                LibRdKafka.PartitionListAdd(list, topic, partition);
                LibRdKafka.PartitionListSetOffset(list, topic, partition, offset);
            }

            action(list);
        }
        finally
        {
            LibRdKafka.PartitionListDestroy(list);
        }
    }

    private static void Check(nint error, string what)
    {
        if (error == 0)
        {
            return;
        }

        var text = LibRdKafka.Text(LibRdKafka.ErrorString(error));
        LibRdKafka.ErrorDestroy(error);
        throw new InvalidOperationException($"librdkafka refused to {what}: {text}");
    }

    private void ReleaseHandles()
    {
        // The finalizer also runs for an instance whose constructor threw, before any handle existed.
        if (_disposed || _handle == 0)
        {
            return;
        }

        _disposed = true;
        LibRdKafka.QueueDestroy(_queue);
        LibRdKafka.ConsumerClose(_handle);
        LibRdKafka.Destroy(_handle);
        NativeLog.Free(_log);
    }
}
