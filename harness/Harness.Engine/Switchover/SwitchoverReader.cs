using Harness.Engine.Clients;
using System.Globalization;
using Harness.Engine.Load;
using Harness.Engine.Verification;
using Harness.RdKafka;
using Harness.Reports.Model;

namespace Harness.Engine.Switchover;

/// <summary>
/// The consumer of a switchover rehearsal: a real librdkafka consumer on the target, assign-only under its own group
/// id (it never joins a group and never commits, so nothing it does can move the application's offsets), started at
/// the planned offsets and read to the end offsets. Each record's stamp goes to a <see cref="SwitchoverTally"/>.
/// </summary>
internal static unsafe class SwitchoverReader
{
    private const int BatchSize = 512;
    private const int QueryTimeoutMs = 10_000;

    /// <param name="bootstrap">The target cluster.</param>
    /// <param name="consumerGroupId">The consumer's own group id.</param>
    /// <param name="topics">Every topic of the run, in stamp topic-index order.</param>
    /// <param name="runId">The run id: records of other runs are not the group's.</param>
    /// <param name="starts">Where to start on each remote partition.</param>
    /// <param name="ends">The target end offsets to read up to.</param>
    /// <param name="tally">Receives every stamped record read.</param>
    /// <param name="timeout">How long reading may take.</param>
    /// <param name="time">The clock <paramref name="timeout"/> is counted on.</param>
    /// <param name="cancellation">Ends reading early.</param>
    public static SwitchoverReadOutcome Read(
        KafkaEndpoint bootstrap,
        string consumerGroupId,
        IReadOnlyList<VerifiedTopic> topics,
        ulong runId,
        IReadOnlyDictionary<(string Topic, int Partition), SwitchoverStart> starts,
        IReadOnlyDictionary<(string Topic, int Partition), long> ends,
        SwitchoverTally tally,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellation)
    {
        using var consumer = new NativeConsumer(bootstrap.With(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["group.id"] = consumerGroupId,
            ["client.id"] = consumerGroupId,

            // What the application would do with an offset the target does not have (below the log start).
            ["auto.offset.reset"] = "earliest",
        }));
        var startOffsets = new Dictionary<(string Topic, int Partition), long>();
        var pending = new Dictionary<(string Topic, int Partition), long>();
        var assignment = new List<(string Topic, int Partition, long Offset)>();
        foreach (var (partition, start) in starts)
        {
            var end = ends.GetValueOrDefault(partition);
            var first = start.Offset ?? LogStart(consumer, partition.Topic, partition.Partition);
            startOffsets[partition] = first;

            // A start at or past the end reads nothing: its unconsumed records are the ones it would skip.
            if (first < end)
            {
                pending[partition] = end;
                assignment.Add((partition.Topic, partition.Partition, start.Source == SwitchoverStartSource.Earliest ? LibRdKafka.OffsetBeginning : first));
            }
        }

        var positions = startOffsets.ToDictionary();
        string? error = null;
        long read = 0;
        if (assignment.Count > 0)
        {
            consumer.Assign(assignment);
        }

        var names = new Dictionary<nint, string>();
        var batch = new nint[BatchSize];
        var started = time.GetTimestamp();
        while (pending.Count > 0 && time.GetElapsedTime(started) < timeout && !cancellation.IsCancellationRequested)
        {
            var count = consumer.Consume(100, batch);
            for (var i = 0; i < count; i++)
            {
                var message = (RdKafkaMessage*)batch[i];
                try
                {
                    if (message->Error != 0)
                    {
                        if (message->Error != LibRdKafka.PartitionEof)
                        {
                            error = LibRdKafka.Text(LibRdKafka.ErrorToString(message->Error));
                        }

                        continue;
                    }

                    read++;
                    Observe(message, topics, runId, tally);
                    if (!names.TryGetValue(message->Topic, out var topic))
                    {
                        topic = NativeConsumer.TopicName(message);
                        names[message->Topic] = topic;
                    }

                    var key = (topic, message->Partition);
                    positions[key] = message->Offset + 1;
                    if (pending.TryGetValue(key, out var end) && message->Offset + 1 >= end)
                    {
                        pending.Remove(key);
                    }
                }
                finally
                {
                    NativeConsumer.Release(batch[i]);
                }
            }
        }

        var unread = pending.OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key.Topic}/{p.Key.Partition} at {positions.GetValueOrDefault(p.Key)} of {p.Value}"))
            .ToList();
        return new SwitchoverReadOutcome(read, startOffsets, unread, error);
    }

    private static long LogStart(NativeConsumer consumer, string topic, int partition)
    {
        try
        {
            return consumer.QueryWatermarks(topic, partition, QueryTimeoutMs).Low;
        }
        catch (InvalidOperationException)
        {
            // Only the reported start offset depends on it; the consumer itself still starts at the log start.
            return 0;
        }
    }

    private static void Observe(RdKafkaMessage* message, IReadOnlyList<VerifiedTopic> topics, ulong runId, SwitchoverTally tally)
    {
        // Read exactly as the verifier reads it: the last stamp header, else a value stamp.
        var found = NativeRecord.TryFindStamp(message, out var stampBytes, out _);
        if (!found || RecordStamp.TryDecode(stampBytes, out var stamp) != StampStatus.Valid || stamp.RunId != runId || stamp.TopicIndex >= topics.Count)
        {
            tally.ObserveForeign();
            return;
        }

        tally.Observe(new LedgerKey(topics[stamp.TopicIndex].Source, stamp.Partition, stamp.ProducerId), stamp.Sequence);
    }
}
