namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// Picks MirrorMaker 2's figures out of a scrape. JMX exporter rules differ in what they put between the
/// <c>kafka_connect_mirror_</c> prefix and the attribute (Strimzi's give <c>kafka_connect_mirror_source_connector_…</c>,
/// the built-in replicator none), so a family is known by its prefix and its attribute's ending.
/// </summary>
public static class MirrorMakerSeries
{
    private const string Prefix = "kafka_connect_mirror_";

    /// <summary>The figures in <paramref name="samples"/>; each is null when no series gives it.</summary>
    public static ReplicatorFigures Figures(IReadOnlyList<PrometheusSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        const double MiB = 1024 * 1024;
        var rss = First(samples, s => s.Name is Prefix + "process_resident_memory_bytes" or "process_resident_memory_bytes");
        var heap = First(samples, s => s.Name == Prefix + "gc_heap_bytes")
            ?? Sum(samples, s => s.Name is "jvm_memory_bytes_used" or "jvm_memory_used_bytes" && s.Labels.GetValueOrDefault("area") == "heap");
        return new ReplicatorFigures
        {
            RssMiB = rss is { } r ? Math.Round(r / MiB, 1) : null,
            HeapMiB = heap is { } h ? Math.Round(h / MiB, 1) : null,
            ReplicationLatencyMaxMs = Max(samples, s => Mirror(s, "replication_latency_ms_max")),
            RecordCount = Sum(samples, s => Mirror(s, "record_count") || Mirror(s, "record_count_total")),
            CheckpointLatencyMaxMs = Max(samples, s => Mirror(s, "checkpoint_latency_ms_max")),
        };
    }

    private static bool Mirror(PrometheusSample sample, string attribute) =>
        sample.Name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && sample.Name.EndsWith(attribute, StringComparison.OrdinalIgnoreCase)
        && (sample.Name.Length == Prefix.Length + attribute.Length || sample.Name[^(attribute.Length + 1)] == '_');

    private static double? First(IReadOnlyList<PrometheusSample> samples, Func<PrometheusSample, bool> match) =>
        samples.FirstOrDefault(s => match(s) && double.IsFinite(s.Value))?.Value;

    private static double? Sum(IReadOnlyList<PrometheusSample> samples, Func<PrometheusSample, bool> match)
    {
        var values = samples.Where(s => match(s) && double.IsFinite(s.Value)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    private static double? Max(IReadOnlyList<PrometheusSample> samples, Func<PrometheusSample, bool> match)
    {
        var values = samples.Where(s => match(s) && double.IsFinite(s.Value)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Max();
    }
}
