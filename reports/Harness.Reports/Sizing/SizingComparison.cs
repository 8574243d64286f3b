using System.Globalization;

namespace Harness.Reports.Sizing;

/// <summary>
/// Compares sizing runs with the first (<c>harness report compare</c> given sizing folders): each curve's knee and
/// per-task capacity (higher is better) and what the model asks for (fewer tasks, workers, heap and brokers is
/// better). A figure that moved the wrong way by more than the threshold is a regression.
/// </summary>
public sealed class SizingComparison
{
    private SizingComparison(IReadOnlyList<(string Name, IReadOnlyList<SizingFigure> Figures)> runs, double threshold)
    {
        Runs = runs;
        Threshold = threshold;
    }

    /// <summary>For each run after the baseline, its figures against the baseline's.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<SizingFigure> Figures)> Runs { get; }

    /// <summary>The tolerated relative change.</summary>
    public double Threshold { get; }

    /// <summary>The figures that regressed, with the run they regressed in.</summary>
    public IReadOnlyList<(string Run, SizingFigure Figure)> Regressions =>
        [.. Runs.SelectMany(r => r.Figures.Where(f => f.Regressed(Threshold)).Select(f => (r.Name, f)))];

    /// <summary>Compares <paramref name="reports"/> with the first.</summary>
    public static SizingComparison Create(IReadOnlyList<(string Name, SizingReport Report)> reports, double threshold)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count < 2)
        {
            throw new ArgumentException("A comparison needs a baseline and at least one more run.", nameof(reports));
        }

        var baseline = reports[0].Report;
        return new SizingComparison([.. reports.Skip(1).Select(r => (r.Name, Figures(baseline, r.Report)))], threshold);
    }

    /// <summary>Writes the comparison as aligned text, one block per compared run.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (name, figures) in Runs)
        {
            output.WriteLine($"{name} against the baseline (threshold {Threshold.ToString("0.#%", CultureInfo.InvariantCulture)}):");
            foreach (var f in figures)
            {
                var change = f.Change is { } c ? c.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "n/a";
                output.WriteLine($"  {(f.Regressed(Threshold) ? "REGRESSED" : "ok"),-9}  {f.Name,-34} {Show(f.Baseline),14} -> {Show(f.Candidate),-14} {change}");
            }
        }
    }

    private static List<SizingFigure> Figures(SizingReport baseline, SizingReport candidate)
    {
        var figures = new List<SizingFigure>();
        foreach (var tasks in baseline.Curves.Select(c => c.Tasks).Union(candidate.Curves.Select(c => c.Tasks)).Order())
        {
            figures.Add(new($"knee records/s, tasks {tasks}", Knee(baseline, tasks), Knee(candidate, tasks), HigherIsBetter: true));
        }

        figures.Add(new("per task records/s", baseline.Replicator.PerTask?.RecordsPerSecond, candidate.Replicator.PerTask?.RecordsPerSecond, true));
        figures.Add(new("per task MB/s", baseline.Replicator.PerTask?.MegabytesPerSecond, candidate.Replicator.PerTask?.MegabytesPerSecond, true));
        figures.Add(new("tasks", baseline.Replicator.TotalTasks, candidate.Replicator.TotalTasks, false));
        figures.Add(new("workers", baseline.Replicator.Workers, candidate.Replicator.Workers, false));
        figures.Add(new("heap per worker MiB", baseline.Replicator.HeapPerWorkerMiB, candidate.Replicator.HeapPerWorkerMiB, false));
        figures.Add(new("brokers (recommended)", Brokers(baseline), Brokers(candidate), false));
        figures.Add(new("storage GB", baseline.TargetCluster.StorageGigabytes, candidate.TargetCluster.StorageGigabytes, false));
        return figures;
    }

    private static double? Knee(SizingReport report, int tasks) => report.Curves.FirstOrDefault(c => c.Tasks == tasks)?.KneeRecordsPerSecond;

    private static double? Brokers(SizingReport report) =>
        report.TargetCluster.Options.FirstOrDefault(o => o.Instance == report.TargetCluster.Recommended)?.Brokers;

    private static string Show(double? value) => value?.ToString("N1", CultureInfo.InvariantCulture) ?? "n/a";
}
