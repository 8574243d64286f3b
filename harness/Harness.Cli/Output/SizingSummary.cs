using System.Globalization;
using Harness.Reports.Sizing;

namespace Harness.Cli.Output;

/// <summary>The end of a sizing run on the console: one screen with the knee, the fleet, the cluster and the risks.</summary>
internal static class SizingSummary
{
    public static void Print(TextWriter output, SizingReport report)
    {
        var r = report.Replicator;
        var c = report.TargetCluster;
        output.WriteLine();
        output.WriteLine(F($"sizing {report.Scenario}: SLO p99 {report.SloP99Ms:N0} ms, headroom x{report.Headroom:0.##}, {report.DurationSeconds:N0} s"));
        foreach (var curve in report.Curves)
        {
            output.WriteLine(F($"  tasks {curve.Tasks,-3} knee {(curve.KneeRecordsPerSecond is { } k ? F($"{k,10:N0} records/s  {k / curve.Tasks,8:N0}/task  {curve.KneeMegabytesPerSecond:0.###} MB/s{(curve.KneeIsLowerBound ? "  (at least)" : "")}") : "not found")}  ({curve.Levels.Count} levels)"));
        }

        output.WriteLine(r.PerTask is { } p ? F($"  per task: {p.RecordsPerSecond:N0} records/s, {p.MegabytesPerSecond:0.###} MB/s") : "  per task: not measured");
        foreach (var cls in r.Classes)
        {
            output.WriteLine(F($"  {cls.Class,-7} peak {cls.PeakRecordsPerSecond,9:N0} records/s {cls.PeakMegabytesPerSecond,8:0.###} MB/s  -> {cls.Connectors} connector, tasks.max {cls.Tasks}"));
        }

        output.WriteLine(F($"  workers: {r.Workers} (N+1, {r.TasksPerWorker} tasks each){(r.HeapPerWorkerMiB is { } heap ? F($", heap {heap:N0} MiB per worker") : "")}"));
        output.WriteLine(F($"  target: in {c.IngressMegabytesPerSecond:0.###} MB/s, out {c.EgressMegabytesPerSecond:0.###} MB/s, {c.PartitionReplicas:N0} partition replicas, storage {c.StorageGigabytes:N1} GB (cut-over {c.CutoverStorageGigabytes:N1} GB)"));
        if (c.Options.FirstOrDefault(o => o.Instance == c.Recommended) is { } best)
        {
            output.WriteLine(F($"  brokers: {best.Brokers} x {best.Instance} (limited by {best.LimitedBy}), {best.StoragePerBrokerGigabytes:N1} GB and {best.PartitionsPerBroker:N0} partitions per broker"));
        }

        foreach (var risk in report.Risks)
        {
            output.WriteLine($"  risk: {risk}");
        }

        output.WriteLine($"sizing: {SizingHtmlWriter.FileName}, {SizingJson.FileName}");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
