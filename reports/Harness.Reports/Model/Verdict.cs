namespace Harness.Reports.Model;

/// <summary>The overall outcome of a rehearsal run.</summary>
public enum Verdict
{
    /// <summary>The run completed and every check passed.</summary>
    Passed,

    /// <summary>The run completed and at least one check failed.</summary>
    Failed,

    /// <summary>The run was interrupted (for example by Ctrl-C); the figures cover only part of it.</summary>
    Partial,

    /// <summary>The run could not be carried out (bad environment, crash); checks may be missing.</summary>
    Error,
}
