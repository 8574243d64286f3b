namespace Harness.Engine.Orchestration;

/// <summary>The environment failed the run (a cluster unreachable, a process that cannot start): exit code 3.</summary>
public sealed class HarnessEnvironmentException : Exception
{
    /// <summary>Creates the exception with a one-line message naming the thing and the fix.</summary>
    public HarnessEnvironmentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exit code the run ends with, when it is not <see cref="ExitCodes.Environment"/>.</summary>
    public HarnessEnvironmentException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The run's exit code: 3, or 2 when the input (such as the replicator's configuration) was at fault.</summary>
    public int ExitCode { get; } = ExitCodes.Environment;
}
