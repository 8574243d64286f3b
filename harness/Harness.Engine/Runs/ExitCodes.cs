namespace Harness.Engine.Runs;

/// <summary>The harness's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every check passed.</summary>
    public const int Passed = 0;

    /// <summary>A check failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: a malformed scenario or command line.</summary>
    public const int BadInput = 2;

    /// <summary>The environment failed: a cluster unreachable, a process that could not start.</summary>
    public const int Environment = 3;

    /// <summary>Interrupted by Ctrl-C; a partial report was written.</summary>
    public const int Interrupted = 130;
}
