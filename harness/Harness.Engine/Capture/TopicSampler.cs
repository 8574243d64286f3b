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
    private readonly Dictionary<string, long> _limit = new(StringComparer.Ordinal);
    private readonly List<TopicPartitionOffset> _assignment = [];
    private readonly HashSet<TopicPartition> _paused = [];

    public TopicSampler(CaptureOptions options, IReadOnlyList<(string Topic, int Partitions)> topics,
        IReadOnlyDictionary<TopicPartition, long> low, IReadOnlyDictionary<TopicPartition, long> end)
    {
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(CaptureClients.Consumer(options)).SetLogHandler((_, _) => { }).Build();
        foreach (var (topic, partitions) in topics)
        {
            _samples[topic] = new TopicSample();
            _limit[topic] = Math.Max(0, options.Sample);
            if (options.Sample <= 0)
            {
                continue;
            }

            var available = Enumerable.Range(0, partitions).ToDictionary(
                p => new TopicPartition(topic, p),
                p => Math.Max(0, end.GetValueOrDefault(new TopicPartition(topic, p)) - low.GetValueOrDefault(new TopicPartition(topic, p))));
            foreach (var (partition, backlog) in Allocate(available, options.Sample))
            {
                // Every partition may also take its even share of records arriving during the window.
                _quota[partition] = Math.Max(backlog, (options.Sample + partitions - 1) / partitions);
                _assignment.Add(new TopicPartitionOffset(partition, new Offset(Math.Max(0, end.GetValueOrDefault(partition) - backlog))));
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

            var taken = _taken.GetValueOrDefault(result.TopicPartition);
            var sample = _samples[result.Topic];
            if (taken >= quota || sample.Records >= _limit[result.Topic])
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

            sample.Add(message.Value?.Length ?? 0, message.Key, message.Key is null, headers, headerBytes);
            _taken[result.TopicPartition] = ++taken;
            List<TopicPartition> done = sample.Records >= _limit[result.Topic]
                ? _assignment.Select(a => a.TopicPartition).Where(p => p.Topic == result.Topic).ToList()
                : taken >= quota ? [result.TopicPartition] : [];
            foreach (var partition in done.Where(_paused.Add))
            {
                _consumer.Pause([partition]);
                open--;
            }
        }
    }

    /// <summary>
    /// Shares <paramref name="sample"/> records between partitions from their existing records, evenly where they
    /// can and the rest to those that have more (water-filling), so a topic whose keys crowd a few partitions is
    /// still sampled in full.
    /// </summary>
    internal static Dictionary<TopicPartition, long> Allocate(IReadOnlyDictionary<TopicPartition, long> available, long sample)
    {
        var result = new Dictionary<TopicPartition, long>();
        var remaining = sample;
        var left = available.Count;
        foreach (var (partition, backlog) in available.OrderBy(a => a.Value).ThenBy(a => a.Key.Partition.Value))
        {
            var share = left == 0 ? 0 : (remaining + left - 1) / left;
            var take = Math.Min(backlog, share);
            result[partition] = take;
            remaining = Math.Max(0, remaining - take);
            left--;
        }

        return result;
    }

    public void Dispose()
    {
        // Close without a commit: auto-commit is off and nothing was stored; a consumer that only assigned never joined a group to leave.
        _consumer.Close();
        _consumer.Dispose();
    }
}
