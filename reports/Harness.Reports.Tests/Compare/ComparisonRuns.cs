using Harness.Reports.Compare;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Compare;

/// <summary>Runs to compare: a baseline and the same run with injected regressions.</summary>
internal static class ComparisonRuns
{
    public static RunResult Baseline() => SampleRuns.Failing();

    /// <summary>The baseline with p99 latency up 50 % and orders/0 duplicates up from 3 to 10; all else equal.</summary>
    public static RunResult Regressed()
    {
        var baseline = Baseline();
        return baseline with
        {
            RunId = "run-regressed",
            Latency = baseline.Latency! with { P99Ms = baseline.Latency.P99Ms * 1.5 },
            Parity = [baseline.Parity[0] with { Duplicated = 10 }, .. baseline.Parity.Skip(1)],
        };
    }

    public static IReadOnlyList<ComparedRun> Label(params RunResult[] results) =>
        [.. results.Select((result, i) => new ComparedRun($"run-{(char)('a' + i)}", $"/runs/run-{i}/results.json", result))];
}
