using System.Globalization;
using System.Text;
using Harness.Reports.Html;
using Harness.Reports.Html.Sections;

namespace Harness.Reports.Sizing;

/// <summary>
/// Writes sizing.html: one self-contained page like report.html (style, script and chart inline, nothing fetched,
/// enforced by a Content-Security-Policy). Stable ids: summary, chart-capacity, curves, levels-tasks-N, classes,
/// cluster, brokers, assumptions, risks.
/// </summary>
public sealed class SizingHtmlWriter
{
    /// <summary>The file name of the page.</summary>
    public const string FileName = "sizing.html";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /// <summary>Writes the page for <paramref name="report"/>.</summary>
    public void Write(SizingReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var html = new HtmlOutput(writer);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
        html.Void("meta", ("charset", "utf-8"));
        html.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy));
        html.Line();
        html.Element("title", $"Sizing: {report.Scenario} (Kafka migration capacity)");
        html.Raw("\n<style>\n" + PageStyle.Css + "</style>\n</head>\n<body>\n<header>\n");
        html.Element("p", "Kafka Migration Harness capacity sizing", ("class", "eyebrow"));
        html.Element("h1", report.Scenario);
        html.Raw("</header>\n<main>\n");
        Summary(report, html);
        Curves(report, html);
        Classes(report, html);
        Cluster(report, html);
        Assumptions(report, html);
        Risks(report, html);
        html.Raw("</main>\n");
        html.Open("footer");
        html.Element("p", F($"sizing schema {report.SchemaVersion}; started {report.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC; took {report.DurationSeconds:N0} s."));
        html.Close("footer");
        html.Raw("\n<script>//<![CDATA[\n" + PageScript.Js + "//]]></script>\n</body>\n</html>\n");
    }

    private static void Summary(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "summary", "Summary");
        var r = report.Replicator;
        var c = report.TargetCluster;
        var recommended = c.Options.FirstOrDefault(o => o.Instance == c.Recommended);
        html.Open("dl", ("class", "facts"));
        Fact(html, "Max sustainable rate", r.MaxSustainableRecordsPerSecond is { } max ? F($"{max:N0} records/s with {r.MaxSustainableTasks} tasks") : "not found");
        Fact(html, "Per task", r.PerTask is { } p ? F($"{p.RecordsPerSecond:N0} records/s, {p.MegabytesPerSecond:0.###} MB/s") : "not measured");
        Fact(html, "Latency SLO", F($"p99 ≤ {report.SloP99Ms:N0} ms, headroom × {report.Headroom:0.##}"));
        Fact(html, "Replicator", F($"{r.TotalTasks} tasks on {r.Workers} workers (N+1){(r.HeapPerWorkerMiB is { } heap ? F($", {heap:N0} MiB heap each") : "")}"));
        Fact(html, "Target cluster", recommended is null ? F($"{c.IngressMegabytesPerSecond:0.###} MB/s in, {c.StorageGigabytes:N1} GB") : F($"{recommended.Brokers} × {recommended.Instance}, {recommended.StoragePerBrokerGigabytes:N1} GB per broker"));
        Fact(html, "Risks", report.Risks.Count.ToString(CultureInfo.InvariantCulture));
        html.Close("dl");
        Section.Close(html);
    }

    private static void Curves(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "curves", "Capacity curves");
        new CapacityChart(report).Render(html);
        foreach (var curve in report.Curves)
        {
            var table = new HtmlTable(
                $"levels-tasks-{curve.Tasks}",
                F($"Levels with {curve.Tasks} task{(curve.Tasks == 1 ? "" : "s")}{(curve.ThrottlePerTask is { } t ? F($", throttled to {t:N0} records/s per task") : "")}; knee {(curve.KneeRecordsPerSecond is { } k ? F($"{k:N0} records/s{(curve.KneeIsLowerBound ? " or more" : "")}") : "not found")}"),
                [new("Multiplier", Numeric: true), new("Offered/s", Numeric: true), new("Produced/s", Numeric: true), new("Replicated/s", Numeric: true), new("MB/s", Numeric: true),
                 new("p50 ms", Numeric: true), new("p99 ms", Numeric: true), new("Lag slope/s", Numeric: true), new("CPU cores", Numeric: true), new("RSS MiB", Numeric: true), new("Heap MiB", Numeric: true),
                 new("Checkpoint ms", Numeric: true), new("Result")]);
            foreach (var l in curve.Levels)
            {
                table.Add(new TableRow(
                    [
                        N(l.Multiplier, "0.###"), N(l.OfferedRecordsPerSecond), N(l.ProduceRecordsPerSecond), N(l.ReplicateRecordsPerSecond), N(l.ReplicateMegabytesPerSecond, "0.###"),
                        N(l.LatencyP50Ms), N(l.LatencyP99Ms), N(l.LagSlopeRecordsPerSecond), N(l.ReplicatorCpuCores, "0.##"), N(l.ReplicatorRssMiB), N(l.ReplicatorHeapMiB), N(l.CheckpointLatencyMs),
                        new TableCell(l.Passed ? "pass" : "fail: " + l.Reason, CssClass: l.Passed ? "pass" : "bad"),
                    ],
                    l.Passed ? null : "row-fail"));
            }

            table.Render(html, "No level ran.");
        }

        Section.Close(html);
    }

    private static void Classes(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "classes", "Replicator per volume class");
        var table = new HtmlTable("classes-table", "tasks.max = ceil(peak × headroom / per-task capacity), by records and by bytes",
            [new("Class", RowHeader: true), new("Topics"), new("Peak records/s", Numeric: true), new("Peak MB/s", Numeric: true), new("Connectors", Numeric: true), new("tasks.max", Numeric: true)]);
        foreach (var c in report.Replicator.Classes)
        {
            table.Add(c.Class, string.Join(", ", c.Topics), N(c.PeakRecordsPerSecond), N(c.PeakMegabytesPerSecond, "0.###"), N(c.Connectors), N(c.Tasks));
        }

        table.Render(html, "The profile has no topics.");
        var r = report.Replicator;
        html.Element("p", F($"{r.TotalTasks} tasks at {r.TasksPerWorker} per worker: {r.Workers} workers, one more than needed so one may fail. Memory measured: {(r.BaseMemoryMiB is { } b ? F($"{b:N0} MiB base + {r.MemoryPerTaskMiB:N0} MiB per task") : "none")}; heap per worker {(r.HeapPerWorkerMiB is { } h ? F($"{h:N0} MiB") : "not sized")}."));
        Section.Close(html);
    }

    private static void Cluster(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "cluster", "Target cluster");
        var c = report.TargetCluster;
        html.Open("dl", ("class", "facts"));
        Fact(html, "Ingress (peak)", F($"{c.IngressMegabytesPerSecond:0.###} MB/s"));
        Fact(html, "Egress to consumers (peak)", F($"{c.EgressMegabytesPerSecond:0.###} MB/s"));
        Fact(html, "Follower replication", F($"{c.ReplicationMegabytesPerSecond:0.###} MB/s (RF {c.ReplicationFactor})"));
        Fact(html, "Partitions", F($"{c.Partitions:N0} ({c.PartitionReplicas:N0} replicas)"));
        Fact(html, "Storage", F($"{c.StorageGigabytes:N1} GB = ({c.RetainedGigabytes:N1} retained + {c.BackfillGigabytes:N1} backfill) × RF × (1 + overhead)"));
        Fact(html, "Cut-over storage", F($"{c.CutoverStorageGigabytes:N1} GB"));
        html.Close("dl");
        var table = new HtmlTable("brokers", "Brokers per instance type", [new("Instance", RowHeader: true), new("Brokers", Numeric: true), new("Limited by"), new("Partitions/broker", Numeric: true), new("Storage/broker GB", Numeric: true), new("Storage writes MiB/s", Numeric: true)]);
        foreach (var o in c.Options)
        {
            table.Add(new TableRow([o.Instance + (o.Instance == c.Recommended ? " (recommended)" : ""), N(o.Brokers), o.LimitedBy, N(o.PartitionsPerBroker, "N1"), N(o.StoragePerBrokerGigabytes, "N1"), N(o.StorageWriteMiBPerSecond, "N1")], o.Instance == c.Recommended ? "recommended" : null));
        }

        table.Render(html, "No instance table was given, so no broker count.");
        Section.Close(html);
    }

    private static void Assumptions(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "assumptions", "Assumptions and their sources");
        var table = new HtmlTable("assumptions-table", "Every input figure of the model", [new("Figure", RowHeader: true), new("Value"), new("Source")]);
        foreach (var a in report.Assumptions)
        {
            table.Add(a.Name, a.Value, a.Source);
        }

        table.Render(html, "None.");
        Section.Close(html);
    }

    private static void Risks(SizingReport report, HtmlOutput html)
    {
        Section.Open(html, "risks", "Risks");
        if (report.Risks.Count == 0)
        {
            html.Element("p", "None found.", ("class", "empty"));
        }
        else
        {
            html.Open("ul", ("id", "risks-list"));
            foreach (var risk in report.Risks)
            {
                html.Element("li", risk);
            }

            html.Close("ul");
        }

        Section.Close(html);
    }

    private static void Fact(HtmlOutput html, string term, string value)
    {
        html.Open("div");
        html.Element("dt", term);
        html.Element("dd", value);
        html.Close("div");
    }

    private static TableCell N(double? value, string format = "N0") =>
        value is { } v ? new(Shown(v, format), v.ToString("R", CultureInfo.InvariantCulture)) : new(Format.Missing, "");

    // A slope of -0.3 rounds to "-0", which reads like a sign that matters.
    private static string Shown(double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text.TrimStart('-').All(c => c is '0' or '.' or ',') ? text.TrimStart('-') : text;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
