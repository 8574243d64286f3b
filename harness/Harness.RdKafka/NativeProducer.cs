using System.Globalization;
using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// One librdkafka producer, driven from a single thread: <see cref="TryProduce"/> hands a record
/// over (librdkafka copies it), <see cref="Poll(int, IDeliverySink)"/> serves delivery reports in batches straight out of
/// librdkafka's event queue. Nothing is allocated per record on either path.
/// </summary>
public sealed unsafe class NativeProducer : IDisposable
{
    private const int ErrorBufferSize = 512;
    private const int DeliveryBatch = 256;

    private readonly nint _handle;
    private readonly nint _topic;
    private readonly Dictionary<string, nint> _topics = new(StringComparer.Ordinal);
    private readonly DeliveryAdapter _adapter = new();
    private readonly nint _queue;
    private readonly GCHandle _log;
    private bool _disposed;

    /// <summary>Creates the producer.</summary>
    /// <param name="settings">librdkafka configuration properties.</param>
    /// <param name="topic">The topic of <see cref="TopicHandle"/>; others are reached through <see cref="TopicHandleOf"/>.</param>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    public NativeProducer(IReadOnlyDictionary<string, string> settings, string topic)
        : this(settings, topic, null)
    {
    }

    /// <summary>Creates the producer with its librdkafka log sent to <paramref name="log"/> (null: librdkafka's default, stderr).</summary>
    /// <param name="settings">librdkafka configuration properties.</param>
    /// <param name="topic">The topic of <see cref="TopicHandle"/>, or null for none (it is then 0); others are reached through <see cref="TopicHandleOf"/>.</param>
    /// <param name="log">Receives the client's log lines, on librdkafka's threads.</param>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    public NativeProducer(IReadOnlyDictionary<string, string> settings, string? topic, ClientLogHandler? log)
    {
        LibraryResolver.EnsureRegistered();
        var error = stackalloc byte[ErrorBufferSize];
        var conf = NativeConfiguration.Create(settings, "producer");

        // Delivery reports arrive as events on the main queue, served in batches by Poll; errors keep going to
        // librdkafka's log, and a record that fails comes back as a failed delivery.
        LibRdKafka.ConfSetEvents(conf, LibRdKafka.EventDeliveryReport);
        _log = NativeLog.Attach(conf, log);
        _handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, error, ErrorBufferSize);
        if (_handle == 0)
        {
            LibRdKafka.ConfDestroy(conf);
            NativeLog.Free(_log);
            throw new ArgumentException($"cannot create a producer: {LibRdKafka.Text((nint)error)}", nameof(settings));
        }

        _topic = topic is null ? 0 : TopicHandleOf(topic);
        _queue = LibRdKafka.QueueGetMain(_handle);
    }

    ~NativeProducer() => Release();

    /// <summary>librdkafka's handle of the topic, for the <see cref="VarArgType.TopicHandle"/> argument.</summary>
    public nint TopicHandle => _topic;

    /// <summary>librdkafka's handle of any topic, created on first use and kept until the producer is disposed.</summary>
    public nint TopicHandleOf(string topic)
    {
        if (!_topics.TryGetValue(topic, out var handle))
        {
            handle = LibRdKafka.TopicNew(_handle, topic, 0);
            _topics[topic] = handle;
        }

        return handle;
    }

    /// <summary>Records queued or in flight, delivery reports not yet served included.</summary>
    public int QueueLength => LibRdKafka.OutQueueLength(_handle);

    /// <summary>Hands a record to librdkafka; false when its local queue is full (serve deliveries, then try again).</summary>
    /// <exception cref="InvalidOperationException">librdkafka refused the record for another reason.</exception>
    public bool TryProduce(ReadOnlySpan<VarArg> arguments)
    {
        nint error;
        fixed (VarArg* pointer = arguments)
        {
            error = LibRdKafka.ProduceVa(_handle, pointer, (nuint)arguments.Length);
        }

        if (error == 0)
        {
            return true;
        }

        var code = LibRdKafka.ErrorCode(error);
        var text = LibRdKafka.Text(LibRdKafka.ErrorString(error));
        LibRdKafka.ErrorDestroy(error);
        return code == LibRdKafka.QueueFull
            ? false
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"librdkafka refused a record ({code}): {text}"));
    }

    /// <summary>
    /// Serves every ready event, waiting up to <paramref name="timeoutMs"/> for the first one; returns the number of
    /// delivery reports served.
    /// </summary>
    public int Poll(int timeoutMs, IDeliverySink sink)
    {
        _adapter.Target = sink;
        return Poll(timeoutMs, _adapter);
    }

    /// <summary>
    /// Like <see cref="Poll(int, IDeliverySink)"/>, but hands over librdkafka's delivered messages themselves, valid
    /// only during the sink's call.
    /// </summary>
    public int Poll(int timeoutMs, IDeliveredMessageSink sink)
    {
        var messages = stackalloc RdKafkaMessage*[DeliveryBatch];
        var served = 0;
        var timeout = timeoutMs;
        while (LibRdKafka.QueuePoll(_queue, timeout) is var ev && ev != 0)
        {
            timeout = 0;
            try
            {
                if (LibRdKafka.EventType(ev) != LibRdKafka.EventDeliveryReport)
                {
                    continue;
                }

                int count;
                while ((count = (int)LibRdKafka.EventMessageArray(ev, messages, DeliveryBatch)) > 0)
                {
                    sink.Delivered(new ReadOnlySpan<nint>(messages, count));
                    served += count;
                }
            }
            finally
            {
                LibRdKafka.EventDestroy(ev);
            }
        }

        return served;
    }

    /// <summary>The producer's fatal error (an idempotent producer that can no longer guarantee order), or null.</summary>
    public string? FatalError()
    {
        const int size = 512;
        var text = stackalloc byte[size];
        return LibRdKafka.FatalError(_handle, text, size) == 0 ? null : LibRdKafka.Text((nint)text);
    }

    /// <summary>
    /// Registers the producer's <c>transactional.id</c> with its coordinator (fencing an older producer of the same id);
    /// null when done. Call once, before the first <see cref="BeginTransaction"/>.
    /// </summary>
    public TransactionError? InitTransactions(int timeoutMs) => TransactionError.Take(LibRdKafka.InitTransactions(_handle, timeoutMs));

    /// <summary>Starts a transaction locally (nothing is sent until the first record); null when done.</summary>
    public TransactionError? BeginTransaction() => TransactionError.Take(LibRdKafka.BeginTransaction(_handle));

    /// <summary>
    /// Flushes the transaction's records and commits it; null when committed. A retriable error may be retried with
    /// the same call; an abortable one needs <see cref="AbortTransaction"/>.
    /// </summary>
    public TransactionError? CommitTransaction(int timeoutMs) => TransactionError.Take(LibRdKafka.CommitTransaction(_handle, timeoutMs));

    /// <summary>Aborts the transaction (its records stay in the log, hidden from read_committed readers); null when done.</summary>
    public TransactionError? AbortTransaction(int timeoutMs) => TransactionError.Take(LibRdKafka.AbortTransaction(_handle, timeoutMs));

    /// <summary>Drops queued and in-flight records; their delivery reports then come back as failures.</summary>
    public void Purge() => LibRdKafka.Purge(_handle, LibRdKafka.PurgeAll);

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        // The finalizer also runs for an instance whose constructor threw, before any handle existed.
        if (_disposed || _handle == 0)
        {
            return;
        }

        _disposed = true;
        LibRdKafka.QueueDestroy(_queue);
        foreach (var topic in _topics.Values)
        {
            LibRdKafka.TopicDestroy(topic);
        }

        LibRdKafka.Destroy(_handle);
        NativeLog.Free(_log);
    }
}
