using Harness.Engine.Runs;

namespace Harness.Engine.Replicators.Builtin;

/// <summary>
/// The built-in replicator's exit codes that mean it cannot run at all (2: its configuration, 3: a cluster it cannot
/// reach), with its own last words from the log (it logs the reason and the fix): the rest of a run could only count
/// every record lost.
/// </summary>
internal static class BuiltinExitReasons
{
    private const string Prefix = "harness-replicator:";

    public static HarnessException? Explain(int exitCode, string logPath)
    {
        if (exitCode is not (2 or 3))
        {
            return null;
        }

        string? reason = null;
        try
        {
            reason = File.ReadLines(logPath).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))?[Prefix.Length..].Trim();
        }
        catch (IOException)
        {
            // The log is only for the message; the exit code alone still ends the run.
        }

        var what = exitCode == 2 ? "refused its configuration" : "could not reach a cluster";
        return new HarnessException(
            $"the built-in replicator {what} (exit code {exitCode}): {reason ?? "no reason logged"}; see {logPath}",
            exitCode == 2 ? ExitCodes.BadInput : ExitCodes.Environment);
    }
}
