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
        return Format([(snapshot, source, target, null)]);
    }

    /// <summary>
    /// Formats the snapshots of several flows on one page (the Connect stand-in's connectors): each family once, with a
    /// series per flow. A non-null connector name becomes a <c>connector</c> label, which keeps the series of two
    /// connectors between the same clusters apart.
    /// </summary>
    public static string Format(IReadOnlyList<(MetricsSnapshot Snapshot, string Source, string Target, string? Connector)> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var text = new StringBuilder();
        var labelled = flows.Select(f => (f.Snapshot, Flow: $"source=\"{Escape(f.Source)}\",target=\"{Escape(f.Target)}\""
            + (f.Connector is null ? "" : $",connector=\"{Escape(f.Connector)}\""))).ToList();
        var partitions = labelled.SelectMany(f => f.Snapshot.Partitions.Select(p => (f.Flow, Item: p))).ToList();
        var checkpoints = labelled.SelectMany(f => f.Snapshot.Checkpoints.Select(c => (f.Flow, Item: c))).ToList();
        static string Partition((string Flow, PartitionSample Item) p) => $"{{{p.Flow},topic=\"{Escape(p.Item.Topic)}\",partition=\"{p.Item.Partition.ToString(CultureInfo.InvariantCulture)}\"}}";
        static string Checkpoint((string Flow, CheckpointSample Item) c) => $"{{{c.Flow},group=\"{Escape(c.Item.Group)}\",topic=\"{Escape(c.Item.Topic)}\",partition=\"{c.Item.Partition.ToString(CultureInfo.InvariantCulture)}\"}}";

        Family(text, "record_count", "counter", "Records replicated to the target (MM2 record-count).", partitions, Partition, p => p.Item.RecordCount);
        Family(text, "byte_count", "counter", "Value bytes replicated to the target (MM2 byte-count).", partitions, Partition, p => p.Item.ByteCount);
        Family(text, "record_rate", "gauge", "Records per second over the last sampling window (MM2 record-rate).", partitions, Partition, p => p.Item.RecordRate);
        Family(text, "byte_rate", "gauge", "Value bytes per second over the last sampling window (MM2 byte-rate).", partitions, Partition, p => p.Item.ByteRate);
        Latency(text, "record_age_ms", "Age of records when read from the source (MM2 record-age-ms).", partitions, Partition, p => p.Item.RecordAge);
        Latency(text, "replication_latency_ms", "Source timestamp to target acknowledgement (MM2 replication-latency-ms).", partitions, Partition, p => p.Item.ReplicationLatency);
        Family(text, "replication_lag_records", "gauge", "Source records not yet acknowledged by the target.", partitions.Where(p => p.Item.Lag is not null), Partition, p => p.Item.Lag!.Value);
        Latency(text, "checkpoint_latency_ms", "Checkpoint creation to target acknowledgement (MM2 checkpoint-latency-ms).", checkpoints, Checkpoint, c => c.Item.Latency);

        static string Process((MetricsSnapshot Snapshot, string Flow) f) => $"{{{f.Flow}}}";
        Family(text, "checkpoint_total", "counter", "Checkpoints written.", labelled, Process, f => f.Snapshot.CheckpointCount);
        Family(text, "offset_sync_total", "counter", "Offset syncs written.", labelled, Process, f => f.Snapshot.OffsetSyncCount);
        Family(text, "heartbeat_total", "counter", "Heartbeats written.", labelled, Process, f => f.Snapshot.HeartbeatCount);
        Family(text, "process_resident_memory_bytes", "gauge", "Resident set size of the replicator.", labelled, Process, f => f.Snapshot.RssBytes);
        Family(text, "gc_heap_bytes", "gauge", "Managed heap in use.", labelled, Process, f => f.Snapshot.GcHeapBytes);
        Family(text, "gc_heap_limit_bytes", "gauge", "Managed heap limit.", labelled, Process, f => f.Snapshot.GcHeapLimitBytes);
        Family(text, "gc_collections_total", "counter", "Garbage collections.", labelled, Process, f => f.Snapshot.GcCount);
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

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
