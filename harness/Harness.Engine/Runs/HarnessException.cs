namespace Harness.Engine.Runs;

/// <summary>
/// An expected failure the user can act on: bad input, an unreachable cluster, a replicator that cannot start.
/// It carries the exit code the harness ends with and a message of one line naming the thing and the fix, so the
/// CLI prints it once, without a stack trace. A scenario with several problems lists each in <see cref="Lines"/>.
/// </summary>
public class HarnessException : Exception
{
    /// <summary>Creates an environment failure (exit 3) with a one-line message.</summary>
    public HarnessException(string message)
        : this(message, ExitCodes.Environment)
    {
    }

    /// <summary>Creates a failure ending with <paramref name="exitCode"/>.</summary>
    public HarnessException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates a failure ending with <paramref name="exitCode"/>, keeping its cause for logs.</summary>
    public HarnessException(string message, int exitCode, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates an environment failure (exit 3) with a generic message.</summary>
    public HarnessException()
        : this("the harness cannot go on")
    {
    }

    /// <summary>Creates an environment failure (exit 3) keeping its cause.</summary>
    public HarnessException(string message, Exception innerException)
        : this(message, ExitCodes.Environment, innerException)
    {
    }

    /// <summary>The process's exit code: <see cref="ExitCodes.BadInput"/> (2) or <see cref="ExitCodes.Environment"/> (3).</summary>
    public int ExitCode { get; }

    /// <summary>What the user is shown, one problem per line; the message alone unless a subtype lists more.</summary>
    public virtual IReadOnlyList<string> Lines => [Message];
}
