using System.Globalization;
using System.Text;

namespace Harness.Replicator.Metrics;

/// <summary>
/// Renders a <see cref="MetricsSnapshot"/> in the Prometheus text exposition format (version 0.0.4), with MM2's
/// metric names under the <c>kafka_connect_mirror_</c> prefix a JMX exporter gives them, so dashboards built
/// for MM2 read the built-in replicator too.
/// </summary>
public static class PrometheusFormatter
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Formats <paramref name="snapshot"/>; <paramref name="source"/> and <paramref name="target"/> become labels.</summary>
    public static string Format(MetricsSnapshot snapshot, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        var flow = $"source=\"{Escape(source)}\",target=\"{Escape(target)}\"";
        string Partition(PartitionSample p) => $"{{{flow},topic=\"{Escape(p.Topic)}\",partition=\"{p.Partition.ToString(CultureInfo.InvariantCulture)}\"}}";
        string Checkpoint(CheckpointSample c) => $"{{{flow},group=\"{Escape(c.Group)}\",topic=\"{Escape(c.Topic)}\",partition=\"{c.Partition.ToString(CultureInfo.InvariantCulture)}\"}}";

        Family(text, "record_count", "counter", "Records replicated to the target (MM2 record-count).", snapshot.Partitions, Partition, p => p.RecordCount);
        Family(text, "byte_count", "counter", "Value bytes replicated to the target (MM2 byte-count).", snapshot.Partitions, Partition, p => p.ByteCount);
        Family(text, "record_rate", "gauge", "Records per second over the last sampling window (MM2 record-rate).", snapshot.Partitions, Partition, p => p.RecordRate);
        Family(text, "byte_rate", "gauge", "Value bytes per second over the last sampling window (MM2 byte-rate).", snapshot.Partitions, Partition, p => p.ByteRate);
        Latency(text, "record_age_ms", "Age of records when read from the source (MM2 record-age-ms).", snapshot.Partitions, Partition, p => p.RecordAge);
        Latency(text, "replication_latency_ms", "Source timestamp to target acknowledgement (MM2 replication-latency-ms).", snapshot.Partitions, Partition, p => p.ReplicationLatency);
        Family(text, "replication_lag_records", "gauge", "Source records not yet acknowledged by the target.", snapshot.Partitions.Where(p => p.Lag is not null), Partition, p => p.Lag!.Value);
        Latency(text, "checkpoint_latency_ms", "Checkpoint creation to target acknowledgement (MM2 checkpoint-latency-ms).", snapshot.Checkpoints, Checkpoint, c => c.Latency);

        var process = $"{{{flow}}}";
        Single(text, "checkpoint_total", "counter", "Checkpoints written.", process, snapshot.CheckpointCount);
        Single(text, "offset_sync_total", "counter", "Offset syncs written.", process, snapshot.OffsetSyncCount);
        Single(text, "heartbeat_total", "counter", "Heartbeats written.", process, snapshot.HeartbeatCount);
        Single(text, "process_resident_memory_bytes", "gauge", "Resident set size of the replicator.", process, snapshot.RssBytes);
        Single(text, "gc_heap_bytes", "gauge", "Managed heap in use.", process, snapshot.GcHeapBytes);
        Single(text, "gc_heap_limit_bytes", "gauge", "Managed heap limit.", process, snapshot.GcHeapLimitBytes);
        Single(text, "gc_collections_total", "counter", "Garbage collections.", process, snapshot.GcCount);
        return text.ToString();
    }

    private static void Family<T>(StringBuilder text, string name, string type, string help, IEnumerable<T> items, Func<T, string> labels, Func<T, double> value)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.Append("# HELP kafka_connect_mirror_").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE kafka_connect_mirror_").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var item in list)
        {
            text.Append("kafka_connect_mirror_").Append(name).Append(labels(item)).Append(' ').Append(Number(value(item))).Append('\n');
        }
    }

    private static void Latency<T>(StringBuilder text, string name, string help, IReadOnlyList<T> items, Func<T, string> labels, Func<T, LatencyWindow> window)
    {
        Family(text, name, "gauge", help + " Latest value.", items, labels, i => window(i).Last);
        Family(text, name + "_avg", "gauge", help + " Mean over the last window.", items, labels, i => window(i).Avg);
        Family(text, name + "_max", "gauge", help + " Max over the last window.", items, labels, i => window(i).Max);
        Family(text, name + "_min", "gauge", help + " Min over the last window.", items, labels, i => window(i).Min);
    }

    private static void Single(StringBuilder text, string name, string type, string help, string labels, double value) =>
        Family(text, name, type, help, [value], _ => labels, v => v);

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
