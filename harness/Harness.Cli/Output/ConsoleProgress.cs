using System.Globalization;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Cli.Output;

/// <summary>
/// Live progress as plain lines (phase, produced, replicated, lag, faults): readable in a terminal, in CI logs
/// and when piped, at most one sample line every two seconds.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output) : IRunProgress
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly object _lock = new();
    private TimeSpan? _lastSample;

    public void Phase(string phase) => Write($"[phase] {phase}");

    public void Event(string message) => Write($"[event] {message}");

    public void Check(CheckResult check) => Write($"[check] {(check.Passed ? "pass" : "FAIL")} {check.Name}: {check.Measured}");

    public void Sample(ProgressSnapshot s)
    {
        lock (_lock)
        {
            if (_lastSample is { } last && s.Elapsed - last < Every)
            {
                return;
            }

            _lastSample = s.Elapsed;
        }

        var planned = s.Planned > 0 ? $"/{N(s.Planned)}" : "";
        Write($"[{s.Elapsed:mm\\:ss}] {s.Phase,-15} produced {N(s.Produced)}{planned}  replicated {N(s.Replicated)}  lag {N(s.Lag)}  faults {s.FaultsActive} active, {s.FaultsDone} done");
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
