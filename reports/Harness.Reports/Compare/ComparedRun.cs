using Harness.Reports.Model;

namespace Harness.Reports.Compare;

/// <summary>A run taking part in a comparison.</summary>
/// <param name="Label">A short unique name for columns, usually the run folder's name.</param>
/// <param name="ResultsPath">The results.json the run was read from.</param>
/// <param name="Result">The run.</param>
public sealed record ComparedRun(string Label, string ResultsPath, RunResult Result)
{
    /// <summary>The run's report.html next to its results.json; null when there is none.</summary>
    public string? ReportPath { get; init; }
}
