using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Cli.Output;

/// <summary>The end of a run on the console: verdict, checks, and the run folder as the very last line.</summary>
internal static class RunSummary
{
    public static void Print(TextWriter output, RunOutcome outcome)
    {
        var result = outcome.Result;
        output.WriteLine();
        foreach (var check in result.Checks)
        {
            output.WriteLine($"  {(check.Passed ? "PASS" : "FAIL")}  {check.Name}: {check.Measured} (expected {check.Expected})");
        }

        if (result.ErrorMessage is not null)
        {
            Console.Error.WriteLine($"harness: {result.ErrorMessage}");
        }

        var verdict = result.Verdict switch
        {
            Verdict.Passed => "PASSED",
            Verdict.Failed => "FAILED",
            Verdict.Partial => $"PARTIAL ({result.PartialReason})",
            _ => "ERROR",
        };
        output.WriteLine($"verdict: {verdict} in {result.Duration.TotalSeconds:0.0}s");
        output.WriteLine($"report: {Path.Combine(outcome.RunDirectory, "report.html")}");
        output.WriteLine(outcome.RunDirectory);
        output.Flush();
    }
}
