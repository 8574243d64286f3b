using Harness.Reports.Html.Charts;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>The time-series charts, each a figure with a stable id and the fault markers drawn over it.</summary>
internal sealed class ChartsSection : IHtmlSection
{
    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "charts", "Charts");
        var samples = result.TimeSeries.Samples;
        var markers = result.TimeSeries.Markers;
        var xMax = samples.Select(s => s.OffsetSeconds)
            .Concat(markers.Select(m => m.EndOffsetSeconds ?? m.OffsetSeconds))
            .Where(double.IsFinite)
            .DefaultIfEmpty(0)
            .Max();

        foreach (var definition in Definitions(samples, result.ServiceLevels))
        {
            html.Open("figure", ("id", definition.Id), ("class", "chart"));
            html.Element("figcaption", definition.Title);
            if (samples.Count == 0)
            {
                html.Element("p", "No samples were recorded.", ("class", "empty"));
            }
            else
            {
                new LineChart(definition, markers, xMax).Render(html);
            }

            html.Close("figure");
            html.Line();
        }

        Section.Close(html);
    }

    private static IEnumerable<ChartDefinition> Definitions(IReadOnlyList<MetricSample> samples, IReadOnlyList<ServiceLevelBound> levels)
    {
        yield return new ChartDefinition("chart-rates", "Produce vs replicate rate", "records/s",
            [Series("Produce", samples, s => s.ProduceRate), Series("Replicate", samples, s => s.ReplicateRate)]);
        yield return new ChartDefinition("chart-lag-records", "Replication lag (records)", "records",
            [Series("Lag", samples, s => s.LagRecords)], Integer: true);
        yield return new ChartDefinition("chart-lag-ms", "Replication lag (time)", "ms",
            [Series("Lag", samples, s => s.LagMs)]);
        // The replicator's own figure, when it reports one, beside the harness's: they measure different spans (the
        // replicator's from the source record's timestamp to its send; the harness's to the record on the target).
        ChartSeries[] latency = samples.Any(s => s.ReplicatorLatencyMaxMs is not null)
            ? [Series("p50", samples, s => s.LatencyP50Ms), Series("p99", samples, s => s.LatencyP99Ms), Series("replicator max", samples, s => s.ReplicatorLatencyMaxMs)]
            : [Series("p50", samples, s => s.LatencyP50Ms), Series("p99", samples, s => s.LatencyP99Ms)];
        yield return new ChartDefinition("chart-latency", "Replication latency percentiles", "ms", latency, Bounds: Bounds(levels, "latency"));
        var checkpointBounds = Bounds(levels, "checkpointLatency");
        if (samples.Any(s => s.CheckpointLatencyMaxMs is not null) || checkpointBounds.Count > 0)
        {
            yield return new ChartDefinition("chart-checkpoint-latency", "Checkpoint latency (replicator's checkpoint-latency-ms-max)", "ms",
                [Series("checkpoint max", samples, s => s.CheckpointLatencyMaxMs)], Bounds: checkpointBounds);
        }

        yield return new ChartDefinition("chart-memory", "Replicator memory", "MiB",
            [Series("RSS", samples, s => s.ReplicatorRssMiB), Series("GC heap", samples, s => s.GcHeapMiB)]);
        // The harness's own memory (embedded clusters run in it, so what they hold is part of its RSS), the replicator's
        // processes as /proc has them, and what each embedded cluster holds in memory: a soak's "memory flat" check reads
        // the first line.
        if (samples.Any(s => s.HarnessRssMiB is not null))
        {
            yield return new ChartDefinition("chart-process-memory", "Process memory (RSS)", "MiB",
                [Series("harness", samples, s => s.HarnessRssMiB), Series("harness GC heap", samples, s => s.HarnessGcHeapMiB), Series("replicator", samples, s => s.ReplicatorProcessRssMiB)]);
            yield return new ChartDefinition("chart-cluster-memory", "Record batches held in memory by embedded clusters (part of the harness's RSS)", "MiB",
                [Series("source", samples, s => s.SourceMemoryMiB), Series("target", samples, s => s.TargetMemoryMiB)]);
        }

        yield return new ChartDefinition("chart-brokers", "Brokers up", "brokers",
            [Series("Source", samples, s => s.SourceBrokersUp), Series("Target", samples, s => s.TargetBrokersUp)],
            Step: true, Integer: true);
    }

    // Only the bounds over all records have a line of their own on the chart; a topic's or a volume class's bound is in the checks.
    private static List<ChartBound> Bounds(IReadOnlyList<ServiceLevelBound> levels, string metric) =>
        [.. levels.Where(l => l.Metric == metric && l.Scope == "all").Select(l => new ChartBound($"{l.Statistic} bound", l.BoundMs, l.Passed))];

    private static ChartSeries Series(string name, IReadOnlyList<MetricSample> samples, Func<MetricSample, double?> value) =>
        new(name, [.. samples.Select(s => new ChartPoint(s.OffsetSeconds, value(s)))]);
}
