using Confluent.Kafka;
using Mm2FormatException = Harness.Mm2.Mm2FormatException;
using Harness.Mm2.Records;
using Harness.Mm2.Translation;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// Follows the offset-syncs topic, from its start, into an <see cref="OffsetTranslator"/>. Checkpoints are only
/// computed after reading to the end, as MM2's OffsetSyncStore does, so a translation never uses a stale sync while a
/// newer one (for example the first sync after a replicator restart, which rewinds the partition) is unread; the
/// first read to the end completes the translator's initial load.
/// </summary>
internal sealed class OffsetSyncReader(IConsumer<byte[]?, byte[]?> consumer, string topic, OffsetTranslator translator, Action<string> log, TimeProvider time) : IDisposable
{
    private readonly TopicPartition _partition = new(topic, 0);
    private bool _assigned;
    private long _next;
    private bool _reportedMalformed;

    public OffsetTranslator Translator => translator;

    /// <summary>Reads every sync written before the call; false when the end was not reached within <paramref name="timeout"/>.</summary>
    public bool ReadToEnd(TimeSpan timeout, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var end = consumer.QueryWatermarkOffsets(_partition, timeout).High.Value;
        if (!_assigned)
        {
            consumer.Assign(new TopicPartitionOffset(_partition, Offset.Beginning));
            _assigned = true;
        }

        while (_next < end && time.GetElapsedTime(started) < timeout && !cancellation.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                // The end as the leader sees it now: past an offset the log no longer has (aborted or truncated),
                // which no record would ever move the reader beyond.
                _next = Math.Max(_next, result.Offset.Value);
                continue;
            }

            _next = result.Offset.Value + 1;
            if (result.Message.Key is null || result.Message.Value is null)
            {
                continue;
            }

            try
            {
                var sync = OffsetSync.Deserialize(result.Message.Key, result.Message.Value);
                if (sync.UpstreamOffset >= 0 && sync.DownstreamOffset >= 0)
                {
                    Translator.Add(sync);
                }
            }
            catch (Mm2FormatException e) when (!_reportedMalformed)
            {
                _reportedMalformed = true;
                log($"skipping malformed records in {topic} (first at offset {result.Offset.Value}: {e.Message})");
            }
            catch (Mm2FormatException)
            {
                // Reported once above.
            }
        }

        if (_next < end)
        {
            return false;
        }

        translator.CompleteInitialLoad();
        return true;
    }

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }
}
