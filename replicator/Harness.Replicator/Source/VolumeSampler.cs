using Confluent.Kafka;

namespace Harness.Replicator.Source;

/// <summary>
/// Measures source partition volumes for <see cref="TaskPlan"/>: the high watermark read twice, a window apart,
/// gives the rate; the distance from the start offset to the high watermark gives the backlog.
/// </summary>
internal sealed class VolumeSampler(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout, TimeProvider time)
{
    /// <summary>Seconds of backlog a task should be able to clear; the backlog weighs as that many seconds of rate.</summary>
    private const double BacklogSeconds = 60;

    public async Task<List<PartitionVolume>> MeasureAsync(
        IReadOnlyList<(string Topic, int Partition)> partitions,
        Func<(string Topic, int Partition), long?> startOffset,
        TimeSpan window,
        CancellationToken cancellation)
    {
        var first = Watermarks(partitions);
        var started = time.GetTimestamp();
        if (window > TimeSpan.Zero)
        {
            await Task.Delay(window, time, cancellation).ConfigureAwait(false);
        }

        var second = window > TimeSpan.Zero ? Watermarks(partitions) : first;
        var seconds = Math.Max(time.GetElapsedTime(started).TotalSeconds, 1e-3);
        return partitions.Select(p =>
        {
            var (low, high) = second[p];
            var rate = window > TimeSpan.Zero ? Math.Max(0, high - first[p].High) / seconds : 0;
            var backlog = Math.Max(0, high - Math.Max(low, startOffset(p) ?? low));
            return new PartitionVolume(p.Topic, p.Partition, rate + (backlog / BacklogSeconds));
        }).ToList();
    }

    private Dictionary<(string Topic, int Partition), (long Low, long High)> Watermarks(IReadOnlyList<(string Topic, int Partition)> partitions)
    {
        var result = new System.Collections.Concurrent.ConcurrentDictionary<(string Topic, int Partition), (long Low, long High)>();
        Parallel.ForEach(partitions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, p =>
        {
            try
            {
                var w = consumer.QueryWatermarkOffsets(new TopicPartition(p.Topic, p.Partition), timeout);
                result[p] = (w.Low.Value, w.High.Value);
            }
            catch (KafkaException)
            {
                // Unknown volume weighs as an idle partition.
                result[p] = (0, 0);
            }
        });
        return new Dictionary<(string Topic, int Partition), (long Low, long High)>(result);
    }
}
