namespace Harness.Engine.Orchestration;

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
}
