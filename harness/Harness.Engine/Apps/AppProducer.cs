using System.Globalization;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Load.Model;
using Harness.Engine.Runs;

namespace Harness.Engine.Apps;

/// <summary>
/// One app's producer of one topic, on its own thread: sends the topic's schedule, keys in turn (record n is key
/// n mod keys, the key's sequence n div keys), first to the source, then, once moved, to the target. A drain move
/// pauses it, flushes and waits; a hot move swaps the client between two sends.
/// </summary>
internal sealed class AppProducer : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(5);

    private readonly ushort _app;
    private readonly string _appName;
    private readonly string _topic;
    private readonly InjectionSchedule _schedule;
    private readonly int _keys;
    private readonly string _partitioner;
    private readonly ulong _runId;
    private readonly RunClock _clock;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _running = new(true);
    private IProducer<byte[], byte[]> _client;
    private string _clientTopic;
    private bool _onTarget;
    private long _sent;
    private Task? _thread;

    public AppProducer(ushort app, string appName, string topic, InjectionSchedule schedule, int keys, string partitioner, ulong runId, RunClock clock, KafkaEndpoint sourceBootstrap)
    {
        _app = app;
        _appName = appName;
        _topic = topic;
        _schedule = schedule;
        _keys = keys;
        _partitioner = partitioner;
        _runId = runId;
        _clock = clock;
        _client = Create(sourceBootstrap, "source");
        _clientTopic = topic;
    }

    public string App => _appName;

    public string Topic => _topic;

    public ProducedKeys Produced { get; } = new();

    public bool OnTarget => _onTarget;

    /// <summary>How long the producer stood paused for a move.</summary>
    public TimeSpan Paused { get; private set; }

    /// <summary>Whether every scheduled record has been handed to a client.</summary>
    public bool Finished => Interlocked.Read(ref _sent) >= _schedule.Total;

    public string KeyText(int key) => string.Create(CultureInfo.InvariantCulture, $"{_appName}-{key}");

    public void Start(CancellationToken cancellation) =>
        _thread = Task.Factory.StartNew(() => Run(cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Stops sending after the current record and waits for every record in flight to be acknowledged.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _running.Reset();
        }

        _client.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Sends to <paramref name="bootstrap"/> from now on; the old client's records in flight are flushed before it closes.</summary>
    public void MoveTo(KafkaEndpoint bootstrap, string topic, TimeSpan pausedFor)
    {
        var next = Create(bootstrap, "target");
        IProducer<byte[], byte[]> old;
        lock (_gate)
        {
            old = _client;
            _client = next;
            _clientTopic = topic;
            _onTarget = true;
            Paused = pausedFor;
            _running.Set();
        }

        old.Flush(TimeSpan.FromSeconds(30));
        old.Dispose();
    }

    /// <summary>Waits until the schedule is sent and acknowledged, or <paramref name="within"/>.</summary>
    public async Task FinishAsync(TimeSpan within)
    {
        // A producer still sending at the deadline is left to the apps' stop: what it acknowledged is counted either way.
        if (_thread is not null)
        {
            await Task.WhenAny(_thread, Task.Delay(within, _clock.Time)).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _running.Set();
        lock (_gate)
        {
            _client.Dispose();
        }

        _running.Dispose();
    }

    private void Run(CancellationToken cancellation)
    {
        try
        {
            SendSchedule(cancellation);
        }
        catch (OperationCanceledException)
        {
            // The apps stopped while this producer waited to be resumed.
        }
    }

    private void SendSchedule(CancellationToken cancellation)
    {
        var value = new byte[AppStamp.Size];
        while (!cancellation.IsCancellationRequested && Interlocked.Read(ref _sent) < _schedule.Total)
        {
            _running.Wait(cancellation);
            var due = Math.Min(_schedule.Due(_clock.Elapsed), _schedule.Total);
            if (Interlocked.Read(ref _sent) >= due)
            {
                cancellation.WaitHandle.WaitOne(Idle);
                continue;
            }

            lock (_gate)
            {
                // A pause that came in while waiting for the gate wins: nothing goes to the old client after it.
                while (_running.IsSet && _sent < due)
                {
                    Send(value);
                }
            }
        }

        lock (_gate)
        {
            _client.Flush(TimeSpan.FromSeconds(30));
        }
    }

    private void Send(byte[] value)
    {
        var ordinal = _sent;
        var key = (int)(ordinal % _keys);
        var sequence = ordinal / _keys;
        var onTarget = _onTarget;
        new AppStamp(_runId, _app, key, sequence, _clock.UtcNow.ToUnixTimeMilliseconds() & 0x7fffffff, onTarget, Straggler: false).EncodeTo(value);
        var produced = Produced;
        try
        {
            _client.Produce(_clientTopic, new Message<byte[], byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(KeyText(key)), Value = (byte[])value.Clone() }, report =>
            {
                if (report.Error.IsError)
                {
                    produced.Fail();
                }
                else
                {
                    produced.Acknowledge(key, sequence, report.Partition.Value, onTarget);
                }
            });
            _sent++;
        }
        catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            _client.Poll(Idle);
        }
    }

    private IProducer<byte[], byte[]> Create(KafkaEndpoint bootstrap, string side) =>
        new ProducerBuilder<byte[], byte[]>(bootstrap.Configure(new ProducerConfig
        {
            ClientId = $"harness-app-{_appName}-{side}",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            Partitioner = _partitioner == "consistent_random" ? Partitioner.ConsistentRandom : Partitioner.Murmur2Random,
        })).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
}
