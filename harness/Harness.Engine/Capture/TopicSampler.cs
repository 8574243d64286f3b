using Confluent.Kafka;
using Harness.Engine.Load;

namespace Harness.Engine.Capture;

/// <summary>
/// Reads a bounded sample of each topic by assignment: per partition, the last records before the window, and
/// the window's own records where the partition had too few. Only sizes, key hashes and header counts are kept.
/// </summary>
internal sealed class TopicSampler : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly Dictionary<TopicPartition, long> _quota = [];
    private readonly Dictionary<TopicPartition, long> _taken = [];
    private readonly Dictionary<string, TopicSample> _samples = new(StringComparer.Ordinal);
    private readonly List<TopicPartitionOffset> _assignment = [];

    public TopicSampler(CaptureOptions options, IReadOnlyList<(string Topic, int Partitions)> topics,
        IReadOnlyDictionary<TopicPartition, long> low, IReadOnlyDictionary<TopicPartition, long> end)
    {
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(CaptureClients.Consumer(options)).SetLogHandler((_, _) => { }).Build();
        foreach (var (topic, partitions) in topics)
        {
            _samples[topic] = new TopicSample();
            var quota = options.Sample <= 0 ? 0 : (options.Sample + partitions - 1) / partitions;
            for (var p = 0; p < partitions; p++)
            {
                var partition = new TopicPartition(topic, p);
                if (quota == 0)
                {
                    continue;
                }

                _quota[partition] = quota;
                _taken[partition] = 0;
                var from = Math.Max(low.GetValueOrDefault(partition), end.GetValueOrDefault(partition) - quota);
                _assignment.Add(new TopicPartitionOffset(partition, new Offset(Math.Max(0, from))));
            }
        }
    }

    public IReadOnlyDictionary<string, TopicSample> Samples => _samples;

    /// <summary>Samples until every partition gave its quota or <paramref name="cancellation"/> ends the window.</summary>
    public void Run(CancellationToken cancellation)
    {
        if (_assignment.Count == 0)
        {
            return;
        }

        _consumer.Assign(_assignment);
        var open = _assignment.Count;
        while (open > 0 && !cancellation.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(PollTimeout);
            }
            catch (ConsumeException)
            {
                // A partition that cannot be read (deleted meanwhile, records gone to retention) gives a smaller sample.
                continue;
            }

            if (result?.Message is not { } message || !_quota.TryGetValue(result.TopicPartition, out var quota))
            {
                continue;
            }

            var taken = _taken[result.TopicPartition];
            if (taken >= quota)
            {
                continue;
            }

            int headers = 0;
            long headerBytes = 0;
            foreach (var header in message.Headers ?? [])
            {
                // The harness's own stamp is not the application's: a replay adds it again.
                if (header.Key != RecordStamp.HeaderKey)
                {
                    headers++;
                    headerBytes += header.GetValueBytes()?.Length ?? 0;
                }
            }

            _samples[result.Topic].Add(message.Value?.Length ?? 0, message.Key, message.Key is null, headers, headerBytes);
            _taken[result.TopicPartition] = ++taken;
            if (taken >= quota)
            {
                _consumer.Pause([result.TopicPartition]);
                open--;
            }
        }
    }

    public void Dispose()
    {
        // Close without a commit: auto-commit is off and nothing was stored; a consumer that only assigned never joined a group to leave.
        _consumer.Close();
        _consumer.Dispose();
    }
}
