using System.Text.Json;

namespace Harness.Replicator.Metrics;

/// <summary>
/// Appends one JSON line per snapshot to the file the harness reads into its report. A line is written whole
/// with one write call, so a reader never sees half a sample even if the process is killed.
/// </summary>
/// <remarks>
/// Fields: time, record-count, record-rate, byte-rate, lag, checkpoint-count, offset-sync-count,
/// heartbeat-count, rss-bytes, gc-heap-bytes, gc-heap-limit-bytes, gc-count, and partitions[] with topic,
/// partition, record-count, byte-count, record-rate, byte-rate, record-age-ms(-avg/-max),
/// replication-latency-ms(-avg/-max), lag; checkpoints[] with group, topic, partition,
/// checkpoint-latency-ms(-avg/-max). Latencies and rates cover the window since the previous line.
/// </remarks>
public sealed class MetricsFileWriter(string path)
{
    /// <summary>Appends <paramref name="snapshot"/>.</summary>
    public void Write(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", snapshot.Time);
            json.WriteNumber("record-count", snapshot.RecordCount);
            json.WriteNumber("record-rate", Math.Round(snapshot.RecordRate, 1));
            json.WriteNumber("byte-rate", Math.Round(snapshot.ByteRate, 1));
            if (snapshot.Lag is { } lag)
            {
                json.WriteNumber("lag", lag);
            }

            json.WriteNumber("checkpoint-count", snapshot.CheckpointCount);
            json.WriteNumber("offset-sync-count", snapshot.OffsetSyncCount);
            json.WriteNumber("heartbeat-count", snapshot.HeartbeatCount);
            json.WriteNumber("rss-bytes", snapshot.RssBytes);
            json.WriteNumber("gc-heap-bytes", snapshot.GcHeapBytes);
            json.WriteNumber("gc-heap-limit-bytes", snapshot.GcHeapLimitBytes);
            json.WriteNumber("gc-count", snapshot.GcCount);
            json.WriteStartArray("partitions");
            foreach (var p in snapshot.Partitions)
            {
                json.WriteStartObject();
                json.WriteString("topic", p.Topic);
                json.WriteNumber("partition", p.Partition);
                json.WriteNumber("record-count", p.RecordCount);
                json.WriteNumber("byte-count", p.ByteCount);
                json.WriteNumber("record-rate", Math.Round(p.RecordRate, 1));
                json.WriteNumber("byte-rate", Math.Round(p.ByteRate, 1));
                WriteLatency(json, "record-age-ms", p.RecordAge);
                WriteLatency(json, "replication-latency-ms", p.ReplicationLatency);
                if (p.Lag is { } partitionLag)
                {
                    json.WriteNumber("lag", partitionLag);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("checkpoints");
            foreach (var c in snapshot.Checkpoints)
            {
                json.WriteStartObject();
                json.WriteString("group", c.Group);
                json.WriteString("topic", c.Topic);
                json.WriteNumber("partition", c.Partition);
                WriteLatency(json, "checkpoint-latency-ms", c.Latency);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencyWindow window)
    {
        json.WriteNumber(name, window.Last);
        json.WriteNumber(name + "-avg", Math.Round(window.Avg, 1));
        json.WriteNumber(name + "-max", window.Max);
    }
}
