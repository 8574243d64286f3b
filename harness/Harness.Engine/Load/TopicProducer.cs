using System.Diagnostics;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Broker.Records;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Load;

/// <summary>
/// One producer of one topic: sends its share of the topic's schedule (open model: on time, however slow the
/// cluster), stamps every record and writes every acknowledgement into the ledger.
/// </summary>
internal sealed class TopicProducer
{
    private readonly TopicSpec _topic;
    private readonly ushort _topicIndex;
    private readonly ushort _producerId;
    private readonly ulong _runId;
    private readonly InjectionSchedule _schedule;
    private readonly RecordSampler _sampler;
    private readonly ValueSource _values;
    private readonly Ledger _ledger;
    private readonly LoadCounters _counters;
    private readonly long[] _sequences;
    private readonly string _bootstrap;

    public TopicProducer(TopicSpec topic, ushort topicIndex, ushort producerId, ulong runId, InjectionSchedule schedule, long seed,
        ValueSource values, Ledger ledger, LoadCounters counters, string bootstrap)
    {
        _topic = topic;
        _topicIndex = topicIndex;
        _producerId = producerId;
        _runId = runId;
        _schedule = schedule;
        _sampler = topic.CreateSampler(seed);
        _values = values;
        _ledger = ledger;
        _counters = counters;
        _sequences = new long[topic.Partitions];
        _bootstrap = bootstrap;
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(Config()).SetLogHandler(ClientLog.Write).SetErrorHandler(ClientLog.Error).Build();
        var clock = Stopwatch.StartNew();
        long sent = 0, dueSeen = 0;
        var total = _schedule.Total;
        while (sent < total && !cancellation.IsCancellationRequested)
        {
            var due = _schedule.Due(clock.Elapsed);
            if (due > dueSeen)
            {
                _counters.AddDue(due - dueSeen);
                dueSeen = due;
            }

            while (sent < due && !cancellation.IsCancellationRequested)
            {
                Send(producer, _schedule.GlobalOrdinal(sent));
                sent++;
            }

            if (sent >= total)
            {
                break;
            }

            var next = _schedule.WhenDue(sent + 1) ?? TimeSpan.Zero;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(20) ? wait : TimeSpan.FromMilliseconds(20), cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        // Wait for every acknowledgement: the ledger must be complete before verification.
        while (producer.Flush(TimeSpan.FromMilliseconds(200)) > 0 && !cancellation.IsCancellationRequested)
        {
        }
    }

    private void Send(IProducer<byte[]?, byte[]> producer, long ordinal)
    {
        var sample = _sampler.Sample(ordinal);
        var key = sample.Key is { } k ? System.Text.Encoding.UTF8.GetBytes(k) : null;
        var value = _values.Value(ordinal, sample.ValueSize);
        var partition = key is null ? (int)(ordinal % _topic.Partitions) : (int)(Crc32C.Compute(key) % (uint)_topic.Partitions);
        var sequence = _sequences[partition]++;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stamp = new RecordStamp(_runId, _topicIndex, _producerId, partition, sequence, timestamp, RecordStamp.HashContent(key, value));
        var headers = new Headers { { RecordStamp.HeaderKey, stamp.Encode() } };
        for (var h = 0; h < sample.HeaderCount; h++)
        {
            headers.Add($"h{h}", _values.Value(ordinal + h, sample.HeaderSize));
        }

        var message = new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) };
        var ledger = _ledger.For(_topic.Name, partition, _producerId);
        var target = new TopicPartition(_topic.Name, partition);
        while (true)
        {
            try
            {
                producer.Produce(target, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        _counters.AddFailed();
                        return;
                    }

                    ledger.Acknowledged(sequence, report.Offset.Value);
                    _counters.AddAcknowledged();
                });
                _counters.AddSent();
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private ProducerConfig Config()
    {
        var settings = _topic.Producer;
        var config = new ProducerConfig
        {
            BootstrapServers = _bootstrap,
            ClientId = $"harness-load-{_topic.Name}-{_producerId}",
            Acks = settings.Acks switch { AcksMode.All => Acks.All, AcksMode.Leader => Acks.Leader, _ => Acks.None },
            EnableIdempotence = settings.Idempotence && settings.Acks == AcksMode.All,
            LingerMs = settings.LingerMs ?? 5,
            CompressionType = _topic.Compression switch
            {
                CompressionCodec.Gzip => CompressionType.Gzip,
                CompressionCodec.Snappy => CompressionType.Snappy,
                CompressionCodec.Lz4 => CompressionType.Lz4,
                CompressionCodec.Zstd => CompressionType.Zstd,
                _ => CompressionType.None,
            },
            MessageTimeoutMs = 120_000,
        };
        if (settings.BatchSize is { } batchSize)
        {
            config.BatchSize = batchSize;
        }

        return config;
    }
}
