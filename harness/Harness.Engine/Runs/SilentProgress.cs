using Harness.Reports.Model;

namespace Harness.Engine.Runs;

/// <summary>Progress that goes nowhere.</summary>
public sealed class SilentProgress : IRunProgress
{
    public static SilentProgress Instance { get; } = new();

    public void Phase(string phase)
    {
    }

    public void Sample(ProgressSnapshot snapshot)
    {
    }

    public void Event(string message)
    {
    }

    public void Check(CheckResult check)
    {
    }
}
