using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Faults;

/// <summary>
/// An idempotent acks=all Confluent.Kafka producer writing per-partition sequence numbers (header "seq") at a steady
/// rate, and a consumer reading them back by assignment at the same time, so that a fault applied mid-stream hits
/// both. <see cref="FinishAsync"/> says what was lost, duplicated or reordered, on the wire and in the log.
/// </summary>
internal sealed class SequencedStream
{
    private readonly EmbeddedCluster _cluster;
    private readonly string _topic;
    private readonly int _partitions;
    private readonly int _total;
    private readonly int _ratePerSecond;
    private readonly SequenceChecker _checker;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _clientLog = new();
    private readonly CancellationTokenSource _stopConsumer = new();
    private Task? _producing;
    private Task? _consuming;
    private long _acknowledgedTotal;
    private long _deliveryErrors;

    private SequencedStream(EmbeddedCluster cluster, string topic, int partitions, int total, int ratePerSecond)
    {
        _cluster = cluster;
        _topic = topic;
        _partitions = partitions;
        _total = total;
        _ratePerSecond = ratePerSecond;
        _checker = new SequenceChecker(partitions);
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledgedTotal);

    /// <summary>Extra client settings a fault needs (applied to the producer and the consumer).</summary>
    public Action<ClientConfig>? Tune { get; init; }

    /// <summary>The latest client log lines, oldest first.</summary>
    public IReadOnlyList<string> ClientLog => [.. _clientLog];

    public static SequencedStream Start(EmbeddedCluster cluster, string topic, int partitions, int total, int ratePerSecond, Action<ClientConfig>? tune = null)
    {
        var stream = new SequencedStream(cluster, topic, partitions, total, ratePerSecond) { Tune = tune };
        stream._producing = Task.Factory.StartNew(stream.Produce, TaskCreationOptions.LongRunning);
        stream._consuming = Task.Factory.StartNew(stream.Consume, TaskCreationOptions.LongRunning);
        return stream;
    }

    /// <summary>Waits until at least <paramref name="count"/> records are acknowledged; false at the deadline.</summary>
    public async Task<bool> WaitForAcknowledgedAsync(long count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Acknowledged < count)
        {
            if (clock.Elapsed > timeout || _producing!.IsCompleted)
            {
                return Acknowledged >= count;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Lets the producer finish and the consumer catch up, then compares what was sent with what was read and stored.</summary>
    public async Task<StreamVerdict> FinishAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (await Task.WhenAny(_producing!, Task.Delay(timeout)).ConfigureAwait(false) != _producing)
        {
            _problems.Enqueue($"the producer did not finish within {timeout} ({Acknowledged} of {_total} acknowledged)");
        }

        var produced = Enumerable.Range(0, _partitions).Select(p => (long)(_total / _partitions + (p < _total % _partitions ? 1 : 0))).ToArray();
        while (clock.Elapsed < timeout && Enumerable.Range(0, _partitions).Any(p => _checker.Distinct(p) < produced[p]))
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        await _stopConsumer.CancelAsync().ConfigureAwait(false);
        await _consuming!.ConfigureAwait(false);

        var verdict = new StreamVerdict(
            _total,
            Acknowledged,
            Interlocked.Read(ref _deliveryErrors),
            Enumerable.Range(0, _partitions).Sum(p => _checker.Lost(p, produced[p])),
            _checker.Duplicated,
            _checker.Reordered,
            Enumerable.Range(0, _partitions).Sum(p => _cluster.HighWatermark(_topic, p)) - _total,
            [.. _problems],
            [.. _clientLog]);
        return verdict;
    }

    private void Produce()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 120_000,
            RetryBackoffMs = 50,
            RetryBackoffMaxMs = 500,
        };
        Configure(config);
        using var producer = new ProducerBuilder<Null, byte[]>(config)
            .SetLogHandler((_, m) => Log($"producer {m.Level} {m.Facility}: {m.Message}"))
            .SetErrorHandler((_, e) => Log($"producer error {e.Code}: {e.Reason}{(e.IsFatal ? " (fatal)" : "")}"))
            .Build();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < _total; i++)
        {
            var partition = i % _partitions;
            var sequence = (long)(i / _partitions);
            var message = new Message<Null, byte[]> { Value = new byte[100], Headers = [new Header("seq", Int64(sequence))] };
            producer.Produce(new TopicPartition(_topic, partition), message, report => Delivered(report, partition, sequence));
            if (i % 500 == 0)
            {
                // Pace the stream so that the fault lands in the middle of it rather than after it.
                var due = TimeSpan.FromSeconds((double)i / _ratePerSecond);
                if (due > clock.Elapsed)
                {
                    Thread.Sleep(due - clock.Elapsed);
                }
            }
        }

        var left = producer.Flush(TimeSpan.FromSeconds(120));
        if (left > 0)
        {
            _problems.Enqueue($"{left} records were still unacknowledged when the producer gave up");
        }
    }

    private void Delivered(DeliveryReport<Null, byte[]> report, int partition, long sequence)
    {
        if (report.Error.IsError)
        {
            if (Interlocked.Increment(ref _deliveryErrors) <= 5)
            {
                _problems.Enqueue($"delivery of {_topic}/{partition} seq {sequence} failed: {report.Error}");
            }

            return;
        }

        if (report.Offset.Value != sequence)
        {
            _problems.Enqueue($"{_topic}/{partition} seq {sequence} was acknowledged at offset {report.Offset.Value}");
        }

        Interlocked.Increment(ref _acknowledgedTotal);
    }

    private void Consume()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "sequence-checker",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Error,
            FetchWaitMaxMs = 100,
        };
        Configure(config);
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config)
            .SetLogHandler((_, m) => Log($"consumer {m.Level} {m.Facility}: {m.Message}"))
            .SetErrorHandler((_, e) => Log($"consumer error {e.Code}: {e.Reason}"))
            .Build();
        consumer.Assign(Enumerable.Range(0, _partitions).Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
        while (!_stopConsumer.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException e)
            {
                _problems.Enqueue($"consume failed: {e.Error}");
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (result.Message.Headers.TryGetLastBytes("seq", out var seq))
            {
                _checker.Record(result.Partition.Value, BinaryPrimitives.ReadInt64BigEndian(seq));
            }
            else
            {
                _problems.Enqueue($"{result.TopicPartitionOffset} has no seq header");
            }
        }

        consumer.Close();
    }

    private void Configure(ClientConfig config)
    {
        config.ReconnectBackoffMs = 50;
        config.ReconnectBackoffMaxMs = 500;
        config.TopicMetadataRefreshIntervalMs = 2_000;
        Tune?.Invoke(config);
    }

    private void Log(string line)
    {
        _clientLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        while (_clientLog.Count > 300)
        {
            _clientLog.TryDequeue(out _);
        }
    }

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
