using Harness.Reports.Model;

namespace Harness.Reports.Html;

/// <summary>The words, icon and style of a verdict; shared by the page title and the verdict banner.</summary>
internal static class VerdictText
{
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Passed => "PASSED",
        Verdict.Failed => "FAILED",
        Verdict.Partial => "PARTIAL",
        _ => "ERROR",
    };

    public static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Passed => Icons.Pass,
        Verdict.Failed => Icons.Fail,
        Verdict.Partial => Icons.Warning,
        _ => Icons.Error,
    };

    public static string CssClass(Verdict verdict) => "verdict verdict-" + Word(verdict).ToLowerInvariant();

    public static string Detail(RunResult result)
    {
        var failed = result.Checks.Count(c => !c.Passed);
        var total = result.Checks.Count;
        return result.Verdict switch
        {
            Verdict.Passed => total == 1 ? "The check passed." : $"All {total} checks passed.",
            Verdict.Failed => $"{failed} of {total} checks failed.",
            Verdict.Partial => total == 0
                ? "The run was interrupted before any check ran."
                : $"The run was interrupted; {failed} of {total} checks failed on the part that completed.",
            _ => result.ErrorMessage is null
                ? "The run could not be completed."
                : "The run could not be completed; the error is shown below.",
        };
    }
}
