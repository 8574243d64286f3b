namespace Harness.Engine.Orchestration;

/// <summary>The environment failed the run (a cluster unreachable, a process that cannot start): exit code 3.</summary>
public sealed class HarnessEnvironmentException : Exception
{
    /// <summary>Creates the exception with a one-line message naming the thing and the fix.</summary>
    public HarnessEnvironmentException(string message)
        : base(message)
    {
    }
}
